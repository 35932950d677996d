@echo off
rem CSP Guard launcher for Windows: bin\cspguard.cmd [command] [options]
setlocal EnableDelayedExpansion
set "CSPGUARD_HOME=%~dp0.."
if defined CSPGUARD_JAVA_HOME (
  set "JAVA_EXE=%CSPGUARD_JAVA_HOME%\bin\java.exe"
) else if defined JAVA_HOME (
  set "JAVA_EXE=%JAVA_HOME%\bin\java.exe"
) else (
  set "JAVA_EXE=java.exe"
)
"%JAVA_EXE%" -version >nul 2>&1
if errorlevel 1 goto nojava
set "JAVA_VERSION="
for /f "tokens=3" %%v in ('"%JAVA_EXE%" -version 2^>^&1 ^| findstr /i "version"') do set "JAVA_VERSION=%%~v"
for /f "delims=.-+" %%m in ("%JAVA_VERSION%") do set "JAVA_MAJOR=%%m"
if not defined JAVA_MAJOR goto nojava
if %JAVA_MAJOR% LSS 21 goto nojava
"%JAVA_EXE%" %CSPGUARD_JAVA_OPTS% -cp "%CSPGUARD_HOME%\lib\*" io.cspguard.cli.Main %*
exit /b %ERRORLEVEL%

:nojava
echo cspguard: Java 21 or newer is needed (found: %JAVA_VERSION%). 1>&2
echo   Install one, for example: winget install EclipseAdoptium.Temurin.21.JDK 1>&2
echo   or set CSPGUARD_JAVA_HOME (or JAVA_HOME) to an installed JDK 21+. 1>&2
exit /b 2
