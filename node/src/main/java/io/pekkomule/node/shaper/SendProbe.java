package io.pekkomule.node.shaper;

/** Observes emissions after they were transmitted (harnesses, benchmark). Cannot send. */
@FunctionalInterface
public interface SendProbe {
  void onSend(Emission e);

  SendProbe NONE = e -> {};
}
