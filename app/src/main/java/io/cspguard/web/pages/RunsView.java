package io.cspguard.web.pages;

import java.util.List;

/** The run history, newest first, one page at a time; {@code message} and {@code error} report a start request. */
public record RunsView(List<RunSummary> runs, Paging paging, String message, String error) {
}
