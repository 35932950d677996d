package io.cspguard.web.pages;

/** A request the page cannot answer: an unknown id (404) or malformed input (400); the message is shown to the user. */
final class PageProblem extends RuntimeException {
    private final int status;

    private PageProblem(int status, String message) {
        super(message);
        this.status = status;
    }

    static PageProblem notFound(String message) {
        return new PageProblem(404, message);
    }

    static PageProblem badRequest(String message) {
        return new PageProblem(400, message);
    }

    int status() {
        return status;
    }

    String title() {
        return status == 404 ? "Not found" : "Bad request";
    }
}
