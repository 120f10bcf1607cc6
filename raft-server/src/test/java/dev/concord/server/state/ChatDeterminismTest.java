package dev.concord.server.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.concord.protocol.Command;
import dev.concord.protocol.Result;
import dev.concord.protocol.Write;
import dev.concord.protocol.chat.ChatOp;
import dev.concord.server.auth.Tokens;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Same account and chat commands, same results, digest and snapshot, on any node, however batched. */
class ChatDeterminismTest {
    private static final String[] NAMES = {"ann", "Ann", "ben", "cat", "dan"};

    @TempDir
    Path tmp;
    private final List<RocksStore> open = new ArrayList<>();

    @AfterEach
    void close() {
        open.forEach(RocksStore::close);
    }

    private RocksStore store(String name) {
        RocksStore s = RocksStore.openEmpty(tmp.resolve(name));
        open.add(s);
        return s;
    }

    /**
     * A random log as a leader could produce it: signups racing for one name, logins, sends, edits,
     * deletes, rooms, inbox takes, read marks, logouts, deletions, retried seqs. Like a leader, the
     * generator looks account ids up in committed state (a scratch replica), and sometimes uses a
     * stale one; message ids are drawn from those handed out so far, plus a few that do not exist.
     */
    List<Command.Entry> randomLog(long seed, int entries) {
        Random rnd = new Random(seed);
        RocksStore scratch = store("scratch" + seed);
        ReplicatedState leaderView = new ReplicatedState(scratch, 86_400_000L);
        ChatReader reader = new ChatReader(scratch);
        List<Command.Entry> log = new ArrayList<>();
        long time = 1_700_000_000_000L;
        long[] seqs = new long[8];
        List<String> tokens = new ArrayList<>(List.of(Tokens.hash("none")));
        List<Long> ids = new ArrayList<>(List.of(1L));
        for (int i = 0; i < entries; i++) {
            List<Command> cmds = new ArrayList<>();
            time += rnd.nextInt(30_000);
            for (int j = 0; j <= rnd.nextInt(4); j++) {
                int c = rnd.nextInt(seqs.length);
                long seq = rnd.nextInt(10) == 0 && seqs[c] > 0 ? 1 + rnd.nextInt((int) seqs[c]) : ++seqs[c];
                String name = NAMES[rnd.nextInt(NAMES.length)];
                String other = NAMES[rnd.nextInt(NAMES.length)];
                String session = tokens.get(rnd.nextInt(tokens.size()));
                ChatReader.Credentials cred = reader.credentials(name, time);
                long account = cred != null && rnd.nextInt(8) != 0 ? cred.account() : ids.get(rnd.nextInt(ids.size()));
                ChatReader.Who who = reader.who(session);
                long own = who != null && rnd.nextInt(8) != 0 ? who.account() : account;
                long id = ids.get(rnd.nextInt(ids.size())) + (rnd.nextInt(5) == 0 ? 1 : 0);
                ChatOp op = switch (rnd.nextInt(16)) {
                    case 0, 1 -> new ChatOp.CreateAccount(name, "c2FsdA==", 1000, "aGFzaA==");
                    case 2, 3 -> {
                        String t = Tokens.hash("t" + rnd.nextLong());
                        tokens.add(t);
                        yield new ChatOp.OpenSession(name, account, t);
                    }
                    case 4 -> new ChatOp.LoginFailed(name);
                    case 5, 6 -> new ChatOp.Send(other, "dm " + rnd.nextInt(100));
                    case 7, 8 -> new ChatOp.Send("#room" + rnd.nextInt(2), "hi " + rnd.nextInt(100));
                    case 9 -> new ChatOp.JoinRoom("room" + rnd.nextInt(2));
                    case 10 -> new ChatOp.LeaveRoom("room" + rnd.nextInt(2));
                    case 11 -> new ChatOp.TakeInbox(1 + rnd.nextInt(3));
                    case 12 -> new ChatOp.MarkRead(rnd.nextBoolean() ? other : "#room0", id);
                    case 13 -> rnd.nextBoolean() ? new ChatOp.Edit(id, "edited") : new ChatOp.Delete(id);
                    case 14 -> new ChatOp.Logout(rnd.nextBoolean());
                    default -> rnd.nextInt(3) == 0 ? new ChatOp.RemoveAccount(own) : new ChatOp.CreateRoom("room" + rnd.nextInt(3));
                };
                cmds.add(new Command(Command.VERSION, "c" + c, seq, time, new Write.Chat(op), session));
            }
            Command.Entry entry = new Command.Entry(Command.VERSION, cmds);
            log.add(entry);
            for (Result r : leaderView.apply(entry, i + 1)) {
                if (r instanceof Result.Chat rc && rc.value() instanceof dev.concord.protocol.chat.ChatResult.Posted p) {
                    ids.add(p.id());
                }
            }
            leaderView.commit();
        }
        return log;
    }

    private static List<List<Result>> applyAll(ReplicatedState state, List<Command.Entry> log, long first, int batch) {
        List<List<Result>> out = new ArrayList<>();
        for (int i = 0; i < log.size(); i++) {
            out.add(state.apply(log.get(i), first + i));
            if (i % batch == 0) {
                state.commit();
            }
        }
        state.commit();
        return out;
    }

    @Test
    void sameCommandsGiveSameResultsDigestAndSnapshot() {
        for (int round = 0; round < 3; round++) {
            long seed = new Random().nextLong();
            List<Command.Entry> log = randomLog(seed, 300);
            RocksStore a = store("a" + round);
            RocksStore b = store("b" + round);
            List<List<Result>> ra = applyAll(new ReplicatedState(a, 86_400_000L), log, 1, 1);
            List<List<Result>> rb = applyAll(new ReplicatedState(b, 86_400_000L), log, 1, 13);
            assertThat(rb).as("results, seed %d", seed).isEqualTo(ra);
            String digest = new StateReader(a).digest().sha256();
            assertThat(new StateReader(b).digest().sha256()).as("digest, seed %d", seed).isEqualTo(digest);
            long accepted = ra.stream().flatMap(List::stream).filter(r -> r instanceof Result.Chat).count();
            assertThat(accepted).as("the workload does something, seed %d", seed).isGreaterThan(50);

            RocksStore half = store("h" + round);
            applyAll(new ReplicatedState(half, 86_400_000L), log.subList(0, 120), 1, 5);
            Path cp = tmp.resolve("cp" + round);
            half.checkpoint(cp);
            RocksStore restored = store("r" + round);
            restored.restore(cp);
            applyAll(new ReplicatedState(restored, 86_400_000L), log.subList(120, log.size()), 121, 7);
            assertThat(new StateReader(restored).digest().sha256()).as("snapshot + replay, seed %d", seed).isEqualTo(digest);
        }
    }
}
