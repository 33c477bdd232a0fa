package dev.aiopt.junit.internal.workspace;

/** The workspace cannot be made or used; an infrastructure fault, not a candidate's. */
class WorkspaceException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public WorkspaceException(String message) {
        super(message);
    }
}
