package io.pekkomule.node.transport.sam;

import java.io.IOException;

/** The router sent something that is not the SAM reply we expected; the session is re-created. */
public class SamProtocolException extends IOException {
  private static final long serialVersionUID = 1L;

  public SamProtocolException(String message) {
    super(message);
  }
}
