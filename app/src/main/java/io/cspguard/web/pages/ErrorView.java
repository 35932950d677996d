package io.cspguard.web.pages;

/** The content of the 404 and 400 pages. */
public record ErrorView(int status, String title, String message) {
}
