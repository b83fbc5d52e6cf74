package io.pekkomule.node.cli;

import io.pekkomule.node.contract.HarnessResult;
import io.pekkomule.node.contract.LoadIndependenceHarness;
import io.pekkomule.node.contract.ShaperHarnesses;
import io.pekkomule.node.shaper.ShaperConfigException;
import io.pekkomule.node.shaper.ShaperSettings;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code contract}: runs the behaviour-contract harnesses (shared/spec/contract-harness.md). */
@Command(
    name = "contract",
    mixinStandardHelpOptions = true,
    description = "Run behaviour-contract harnesses; exit 1 if any fails.",
    subcommands = {ContractCommand.ShaperContract.class, ContractCommand.IndexContract.class,
        ContractCommand.ParticipationContract.class, ContractCommand.ExplorationContract.class})
public final class ContractCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return 2;
  }


  /**
   * {@code contract index}: H2 (serving the index: hit vs miss, stored vs refused reply timing)
   * against the configured shaper, and H6 for the republish scheduler; each with its negative
   * control, which must fail.
   */
  @Command(
      name = "index",
      mixinStandardHelpOptions = true,
      description = {
        "Run the index and republish harnesses (H2, H6 republish) with their negative controls;",
        "exit 0 if all pass (and every control fails), 1 otherwise, 2 on bad settings."
      })
  public static final class IndexContract implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--seeds", defaultValue = "10",
        description = "Seeds per harness (default ${DEFAULT-VALUE}).")
    int seeds;

    @Option(names = "--samples", defaultValue = "2000",
        description = "Samples per condition and seed for H2, at least 2000 (default ${DEFAULT-VALUE}).")
    int samples;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      if (seeds < 1 || samples < 2000) {
        err.println("contract index: need --seeds >= 1 and --samples >= 2000");
        return 2;
      }
      ShaperSettings settings;
      try {
        settings = ShaperSettings.fromConfig(PekkoMuleCommand.effectiveConfig(spec));
      } catch (ShaperConfigException e) {
        err.println("bad shaper setting: " + e.getMessage());
        return 2;
      }
      io.pekkomule.node.contract.IndexTimingHarness h2 =
          new io.pekkomule.node.contract.IndexTimingHarness(settings, seeds, samples);
      io.pekkomule.node.contract.RepublishHarness h6 =
          new io.pekkomule.node.contract.RepublishHarness(seeds, 60, 30);
      boolean pass = true;
      for (HarnessResult r : List.of(h2.h2(), h6.h6Republish())) {
        out.println(r.line());
        out.flush();
        pass &= r.pass();
      }
      for (HarnessResult r : List.of(h2.h2LeakyControl(), h6.h6FixedControl())) {
        out.println(r.line() + " (negative control: must FAIL)");
        out.flush();
        pass &= !r.pass();
      }
      return pass ? 0 : 1;
    }
  }

  /** The options every lab-based harness takes: the lab's seed and whether to show progress. */
  public static final class LabHarnessOptions {
    @Option(names = "--seed", defaultValue = "1",
        description = "Lab seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--verbose", description = "Print the labs' progress lines on stderr.")
    boolean verbose;

    /** Where the labs' progress lines go: {@code err} with --verbose, else nowhere. */
    java.util.function.Consumer<String> progress(PrintWriter err) {
      return line -> {
        if (verbose) {
          err.println(line);
          err.flush();
        }
      };
    }
  }

  /**
   * {@code contract h8}: participation symmetry. Two virtual-time labs of the same seed, one with
   * cover lookups on (must pass) and one with them off (the negative control, must fail).
   */
  @Command(
      name = "h8",
      aliases = "participation",
      mixinStandardHelpOptions = true,
      description = {
        "Run harness H8 (client-heavy vs router-only nodes told apart by a classifier on their",
        "outbound windows) in the virtual-time lab with cover lookups on, then off (negative",
        "control), each as two runs of the seed with complementary roles;",
        "exit 0 if on passes and off fails, 1 otherwise, 2 on bad input."
      })
  public static final class ParticipationContract implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--nodes", defaultValue = "60",
        description = "Lab nodes (default ${DEFAULT-VALUE}).")
    int nodes;

    @Option(names = "--hours", defaultValue = "1",
        description = "Measured hours after the 20 min warm-up (default ${DEFAULT-VALUE}).")
    double hours;

    @Mixin LabHarnessOptions lab;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      if (nodes < 20 || hours < 0.5 || hours > 24) {
        err.println("contract h8: need --nodes >= 20 and 0.5 <= --hours <= 24");
        return 2;
      }
      com.typesafe.config.Config root = PekkoMuleCommand.effectiveConfig(spec);
      boolean pass = true;
      for (boolean cover : new boolean[] {true, false}) {
        HarnessResult h = io.pekkomule.node.contract.ParticipationHarness.run(
            root, nodes, hours, lab.seed, cover, lab.progress(err)).verdict();
        out.println(h.line() + (cover ? "" : " (negative control: must FAIL)"));
        out.flush();
        pass &= cover == h.pass();
      }
      return pass ? 0 : 1;
    }
  }

  /**
   * {@code contract h10}: lookup shape. Two virtual-time labs of the same seed, our data lookups
   * and iMule's serial search; the receivers' ranks to the key of every store and search REQ
   * compared by KS.
   */
  @Command(
      name = "h10",
      aliases = "exploration",
      mixinStandardHelpOptions = true,
      description = {
        "Run harness H10 (where do our search and store requests go, compared with iMule's",
        "serial search: the receiver's rank to the key, two-sample KS per REQ count) in two",
        "virtual-time labs of the same seed;",
        "exit 0 if it passes, 1 if it fails, 2 on bad input."
      })
  public static final class ExplorationContract implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--nodes", defaultValue = "300",
        description = "Lab nodes (default ${DEFAULT-VALUE}).")
    int nodes;

    @Mixin LabHarnessOptions lab;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      if (nodes < 50) {
        err.println("contract h10: need --nodes >= 50");
        return 2;
      }
      com.typesafe.config.Config root = PekkoMuleCommand.effectiveConfig(spec);
      HarnessResult h = io.pekkomule.node.contract.ExplorationHarness.run(root,
          io.pekkomule.node.contract.ExplorationHarness.params(nodes, lab.seed),
          lab.progress(err)).verdict();
      out.println(h.line());
      out.flush();
      return h.pass() ? 0 : 1;
    }
  }

  /** {@code contract shaper}: H1, H3, H4, H5, H6, H7 against the configured shaper. */
  @Command(
      name = "shaper",
      mixinStandardHelpOptions = true,
      description = {
        "Run the shaper harnesses against the configured shaper, one line each;",
        "exit 0 if all pass, 1 if any fails, 2 on bad settings."
      })
  public static final class ShaperContract implements Callable<Integer> {
    /** What a run needs; tests replace {@link #runner} to exercise the verdict path. */
    public record Run(ShaperSettings settings, int seeds, int samples, Set<String> only) {}

    static Function<Run, List<HarnessResult>> runner = ShaperContract::runHarnesses;

    @Spec CommandSpec spec;

    @Option(names = "--seeds", defaultValue = "10",
        description = "Seeds per harness (a statistical harness fails when >= 1/5 of them do; default ${DEFAULT-VALUE}).")
    int seeds;

    @Option(names = "--samples", defaultValue = "2000",
        description = "Samples per condition and seed, at least 2000 (default ${DEFAULT-VALUE}).")
    int samples;


    @Option(names = "--only", split = ",", paramLabel = "H1,H3,...",
        description = "Run only these harnesses.")
    Set<String> only;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      if (seeds < 1 || samples < 2000) {
        err.println("contract shaper: need --seeds >= 1 and --samples >= 2000");
        return 2;
      }
      ShaperSettings settings;
      try {
        settings = ShaperSettings.fromConfig(PekkoMuleCommand.effectiveConfig(spec));
      } catch (ShaperConfigException e) {
        err.println("bad shaper setting: " + e.getMessage());
        return 2;
      }
      out.printf(Locale.ROOT, "shaper privacy-level=%s seeds=%d samples=%d%n",
          settings.privacyLevel().key(), seeds, samples);
      boolean pass = true;
      for (HarnessResult r : runner.apply(new Run(settings, seeds, samples, only))) {
        out.println(r.line());
        out.flush();
        pass &= r.pass();
      }
      return pass ? 0 : 1;
    }

    static List<HarnessResult> runHarnesses(Run run) {
      ShaperHarnesses h = new ShaperHarnesses(run.settings(), run.seeds(), run.samples());
      List<HarnessResult> results = new ArrayList<>();
      if (wanted(run, "H1")) {
        results.add(h.h1Envelope());
      }
      if (wanted(run, "H3")) {
        results.add(h.h3Drift());
      }
      if (wanted(run, "H4")) {
        results.add(h.h4Ordering());
      }
      if (wanted(run, "H5")) {
        results.add(new LoadIndependenceHarness(run.settings(), run.seeds(), run.samples()).run());
      }
      if (wanted(run, "H6")) {
        results.add(h.h6NoFixedPeriods());
      }
      if (wanted(run, "H7")) {
        results.add(h.h7Caps());
      }
      return results;
    }

    private static boolean wanted(Run run, String id) {
      return run.only() == null || run.only().isEmpty()
          || run.only().stream().anyMatch(s -> s.trim().equalsIgnoreCase(id));
    }
  }
}
