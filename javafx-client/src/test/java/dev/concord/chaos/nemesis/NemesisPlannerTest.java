package dev.concord.chaos.nemesis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The nemesis schedule is a pure function of its seed and the leaders it observed, and keeps its invariants. */
class NemesisPlannerTest {
    private static final Set<Fault> ALL = EnumSet.allOf(Fault.class);

    /** Plans {@code steps} steps; the "observed" leader is the lowest healthy node, as a stand-in for elections. */
    private static List<NemesisPlanner.Step> plan(long seed, int nodes, Set<Fault> faults, int steps) {
        NemesisPlanner planner = new NemesisPlanner(seed, nodes, faults, 4_000);
        List<NemesisPlanner.Step> out = new ArrayList<>();
        for (int i = 0; i < steps; i++) {
            List<Integer> healthy = planner.model().healthy();
            out.add(planner.next(healthy.isEmpty() ? 0 : healthy.get(0)));
        }
        return out;
    }

    @Test
    void theSameSeedGivesTheSameScheduleAndAnotherSeedAnotherOne() {
        assertThat(plan(42, 5, ALL, 300)).isEqualTo(plan(42, 5, ALL, 300));
        assertThat(plan(42, 5, ALL, 300)).isNotEqualTo(plan(43, 5, ALL, 300));
    }

    @Test
    void theLeaderObservedChangesWhichNodesAreHitButNotTheKindsOfSteps() {
        NemesisPlanner unknownLeader = new NemesisPlanner(5, 5, ALL, 4_000);
        NemesisPlanner knownLeader = new NemesisPlanner(5, 5, ALL, 4_000);
        for (int i = 0; i < 500; i++) {
            NemesisPlanner.Step a = unknownLeader.next(0);
            List<Integer> healthy = knownLeader.model().healthy();
            NemesisPlanner.Step b = knownLeader.next(healthy.isEmpty() ? 0 : healthy.get(healthy.size() - 1));
            assertThat(b.action().getClass()).as("step %d", i).isEqualTo(a.action().getClass());
            assertThat(b.waitMs()).isEqualTo(a.waitMs());
        }
    }

    @Test
    void outsideMajorityStepsAtMostAMinorityIsFaultyAndMajorityStepsAreAlwaysHealedNext() {
        for (int nodes : new int[] {3, 5}) {
            for (long seed = 0; seed < 20; seed++) {
                NemesisPlanner planner = new NemesisPlanner(seed, nodes, ALL, 4_000);
                boolean majorityPending = false;
                for (int i = 0; i < 500; i++) {
                    NemesisPlanner.Step step = planner.next(planner.model().healthy().isEmpty() ? 0 : planner.model().healthy().get(0));
                    ClusterModel m = planner.model();
                    if (majorityPending) {
                        assertThat(step.action()).as("seed %d step %d", seed, i).isInstanceOf(NemesisAction.HealAll.class);
                        assertThat(m.faulty()).isFalse();
                    }
                    majorityPending = step.action() instanceof NemesisAction.Majority;
                    if (majorityPending) {
                        assertThat(m.available()).isFalse();
                        assertThat(step.waitMs()).isBetween(3_000L, 6_000L);
                    } else {
                        assertThat(m.size() - m.healthy().size()).as("seed %d step %d", seed, i).isLessThanOrEqualTo((nodes - 1) / 2);
                        assertThat(m.available()).isTrue();
                        assertThat(step.waitMs()).isBetween(2_000L, 6_000L);
                    }
                }
            }
        }
    }

    @Test
    void everyFaultKindOccursAndKillsHitTheLeaderMoreOftenThanNot() {
        List<NemesisPlanner.Step> steps = new ArrayList<>();
        NemesisPlanner planner = new NemesisPlanner(7, 5, ALL, 4_000);
        int leaderKills = 0;
        int kills = 0;
        for (int i = 0; i < 2_000; i++) {
            List<Integer> healthy = planner.model().healthy();
            int leader = healthy.isEmpty() ? 0 : healthy.get(healthy.size() - 1);
            NemesisPlanner.Step step = planner.next(leader);
            steps.add(step);
            if (step.action() instanceof NemesisAction.Kill k) {
                kills++;
                if (k.leader()) {
                    leaderKills++;
                    assertThat(k.nodes()).contains(leader);
                }
            }
        }
        assertThat(steps).extracting(s -> s.action().getClass().getSimpleName()).contains("Kill", "Pause", "Bounce",
                "Partition", "Majority", "Restart", "Resume", "HealNetwork", "HealAll");
        assertThat(leaderKills).isGreaterThan(kills / 2);
        assertThat(steps.stream().map(NemesisPlanner.Step::action).filter(a -> a instanceof NemesisAction.Partition)
                .map(a -> ((NemesisAction.Partition) a).direction()).distinct().count()).isEqualTo(3);
    }

    @Test
    void onlyEnabledFaultsAreInjected() {
        List<NemesisPlanner.Step> steps = plan(3, 3, EnumSet.of(Fault.KILL, Fault.PAUSE), 500);
        assertThat(steps).allSatisfy(s -> assertThat(s.action()).isInstanceOfAny(NemesisAction.Kill.class,
                NemesisAction.Pause.class, NemesisAction.Restart.class, NemesisAction.Resume.class));

        List<NemesisPlanner.Step> majorityOnly = plan(3, 5, EnumSet.of(Fault.MAJORITY), 20);
        for (int i = 0; i < majorityOnly.size(); i++) {
            assertThat(majorityOnly.get(i).action()).isInstanceOf(i % 2 == 0 ? NemesisAction.Majority.class : NemesisAction.HealAll.class);
        }
        assertThat(majorityOnly).extracting(s -> s.action() instanceof NemesisAction.Majority m ? m.method() : null)
                .doesNotContain(NemesisAction.Method.PARTITION);
    }

    @Test
    void faultNamesParseAndUnknownOnesAreRefusedWithTheList() {
        assertThat(Fault.parse("kill, pause,majority")).containsExactly(Fault.KILL, Fault.PAUSE, Fault.MAJORITY);
        assertThatThrownBy(() -> Fault.parse("kill,nuke")).hasMessageContaining("nuke").hasMessageContaining("partition");
        assertThatThrownBy(() -> new NemesisPlanner(1, 3, Set.of(), 1000)).hasMessageContaining("--nemesis");
    }

    @Test
    void theModelHealsWhatWasBroken() {
        ClusterModel m = new ClusterModel(5);
        m.apply(new NemesisAction.Kill(List.of(1, 2), true));
        m.apply(new NemesisAction.Partition(3, NemesisAction.Direction.INBOUND, false));
        assertThat(m.healthy()).containsExactly(4, 5);
        assertThat(m.available()).isFalse();
        m.apply(new NemesisAction.Restart(List.of(1, 2)));
        assertThat(m.available()).isTrue();
        m.apply(new NemesisAction.Majority(List.of(1, 4, 5), NemesisAction.Method.PAUSE));
        assertThat(m.paused()).containsExactly(1, 4, 5);
        m.apply(new NemesisAction.HealAll());
        assertThat(m.faulty()).isFalse();
    }
}
