package io.pekkomule.node;

/** Entry point of the fat jar; the CLI is wired in {@code io.pekkomule.node.cli}. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.out.println("pekko-mule");
  }
}
