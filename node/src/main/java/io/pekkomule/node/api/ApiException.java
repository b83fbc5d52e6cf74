package io.pekkomule.node.api;

/**
 * A failure the API reports to the client as {@code {"error": message, "status": status}}. The
 * node completes a {@link NodeControl} or {@link NodeView} stage with it to answer, e.g., 503 while
 * the transport is down or 429 when too many lookups run; the message is shown verbatim, so it
 * must hold no secret. Any other exception becomes a generic 500.
 */
public final class ApiException extends RuntimeException {
  private final int status;

  public ApiException(int status, String message) {
    super(message, null, false, false);
    if (status < 400 || status > 599) {
      throw new IllegalArgumentException("status must be 4xx or 5xx, got " + status);
    }
    this.status = status;
  }

  public int status() {
    return status;
  }

  public static ApiException badRequest(String message) {
    return new ApiException(400, message);
  }

  public static ApiException notFound(String message) {
    return new ApiException(404, message);
  }

  public static ApiException tooManyRequests(String message) {
    return new ApiException(429, message);
  }

  public static ApiException unavailable(String message) {
    return new ApiException(503, message);
  }
}
