package dev.concord.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.concord.client.net.ClientOptions;
import dev.concord.client.net.ClusterClient;
import dev.concord.client.session.Accounts;
import dev.concord.client.session.ChatSession;
import dev.concord.client.session.Outgoing;
import dev.concord.protocol.Query;
import dev.concord.protocol.Response;
import dev.concord.protocol.Result;
import dev.concord.protocol.Write;
import dev.concord.protocol.chat.ChatOp;
import dev.concord.protocol.chat.ChatQuery;
import dev.concord.protocol.chat.ChatReply;
import dev.concord.protocol.chat.ChatResult;
import dev.concord.protocol.chat.Message;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Chat on a real 3-node cluster: one order for everybody through a leader crash and a full restart.
 * The scenarios share one cluster (starting three JVMs is most of the cost) but not their users;
 * the restart scenario restarts every node, including one an earlier scenario killed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ChatIT {
    /** Low work factor: the tests log in a handful of times on a busy 2-core box. */
    private static final String CONF = "password_iterations = 20000\n";
    private static final String PASSWORD = "it-password";

    private TestCluster cluster;

    @BeforeAll
    void start() {
        cluster = TestCluster.start(3, CONF);
    }

    @AfterAll
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    static String signupAndLogin(ClusterClient c, String name) {
        Accounts.signup(c, name, PASSWORD);
        return login(c, name);
    }

    static String login(ClusterClient c, String name) {
        return Accounts.login(c, name, PASSWORD).token();
    }

    /** Collects what a session delivers. */
    static final class Inbox implements ChatSession.Listener {
        final List<Message> messages = new CopyOnWriteArrayList<>();
        volatile ChatReply.Presence presence = new ChatReply.Presence(List.of(), List.of());

        @Override
        public void message(Message m) {
            messages.add(m);
        }

        @Override
        public void presence(ChatReply.Presence p) {
            presence = p;
        }

        List<String> textsFrom(String user) {
            return messages.stream().filter(m -> user.equals(m.from())).map(Message::text).toList();
        }
    }

    @Test
    @Order(1)
    void twoUsersChatThroughALeaderCrashAndEveryMessageArrivesOnceInSendOrder() throws Exception {
        ClusterClient client = cluster.client();
        String aliceToken = signupAndLogin(client, "alice");
        String bobToken = signupAndLogin(client, "bob");
        Inbox atAlice = new Inbox();
        Inbox atBob = new Inbox();
        // Each user on a client of their own, as on two machines.
        ChatSession alice = ChatSession.open(cluster.client(), "alice", aliceToken, atAlice);
        ChatSession bob = ChatSession.open(cluster.client(), "bob", bobToken, atBob);

        // Presence and typing are not in the log: every node hears every live session's pings.
        await().atMost(Duration.ofSeconds(10)).until(() -> atBob.presence.online().containsAll(List.of("alice", "bob")));
        ChatReply.Users users = (ChatReply.Users) ((Response.Chat) client.read(
                new Query.Chat(new ChatQuery.Users("*")), bobToken)).reply();
        assertThat(users.users()).allMatch(ChatReply.User::online);
        alice.typing("bob");
        await().atMost(Duration.ofSeconds(5)).until(() -> atBob.presence.typing().stream()
                .anyMatch(t -> t.user().equals("alice")));

        List<Outgoing> fromAlice = new ArrayList<>();
        List<Outgoing> fromBob = new ArrayList<>();
        int total = 60;
        int killAt = 20;
        int leader = 0;
        for (int i = 0; i < total; i++) {
            fromAlice.add(alice.send("bob", "a" + i));
            if (i % 3 == 0) {
                fromBob.add(bob.send("alice", "b" + i));
            }
            if (i == killAt) {
                leader = cluster.awaitLeader();
                cluster.kill(leader);
            }
            Thread.sleep(15);
        }
        assertThat(alice.pending()).as("typed during the election, not yet sent").isNotEmpty();

        await().atMost(Duration.ofSeconds(30)).until(() -> atBob.textsFrom("alice").size() >= total
                && atAlice.textsFrom("bob").size() >= fromBob.size());
        assertThat(cluster.awaitLeader()).isNotEqualTo(leader);
        List<String> sentByAlice = fromAlice.stream().map(Outgoing::text).toList();
        List<String> sentByBob = fromBob.stream().map(Outgoing::text).toList();
        assertThat(atBob.textsFrom("alice")).as("bob got alice's messages once, in send order").isEqualTo(sentByAlice);
        assertThat(atAlice.textsFrom("bob")).as("alice got bob's messages once, in send order").isEqualTo(sentByBob);
        await().atMost(Duration.ofSeconds(10)).until(() -> alice.pending().isEmpty() && bob.pending().isEmpty());
        assertThat(fromAlice).allMatch(o -> o.status() == Outgoing.Status.SENT);
        assertThat(fromAlice.stream().map(Outgoing::id).toList()).isSorted().doesNotHaveDuplicates();

        // One total order, the same from every surviving node's replica.
        List<Long> order = null;
        for (int id : cluster.config().ids()) {
            if (id == leader) {
                continue;
            }
            ClusterClient only = cluster.client(List.of(cluster.node(id)), ClientOptions.defaults());
            ChatReply.History h = (ChatReply.History) ((Response.Chat) only.read(
                    new Query.Chat(new ChatQuery.History("bob", 0, 0, 1000)), aliceToken)).reply();
            List<Long> ids = h.messages().stream().map(Message::id).toList();
            assertThat(ids).hasSize(total + fromBob.size()).isSorted();
            if (order == null) {
                order = ids;
            } else {
                assertThat(ids).isEqualTo(order);
            }
        }
        List<Long> received = atBob.messages.stream().map(Message::id).toList();
        assertThat(order).containsAll(received);
        alice.close();
        bob.close();
    }

    @Test
    @Order(2)
    void anOfflineUsersQueueSurvivesAFullRestartAndIsDeliveredOnceOnLogin() {
        ClusterClient client = cluster.client(cluster.config().nodes(), ClientOptions.defaults().withDeadlineMs(20_000));
        String carolToken = signupAndLogin(client, "carol");
        Accounts.signup(client, "dave", PASSWORD);
        ClusterClient.Writer carol = client.newWriter(carolToken);
        for (String text : List.of("one", "two", "three")) {
            assertThat(ClusterClient.await(carol.submit(new Write.Chat(new ChatOp.Send("dave", text)))))
                    .isInstanceOf(Result.Chat.class);
        }

        for (int id : cluster.config().ids()) {
            cluster.kill(id); // a node already dead from the first scenario is skipped
        }
        for (int id : cluster.config().ids()) {
            cluster.startNode(id);
        }
        cluster.awaitLeader(Duration.ofSeconds(60)); // three cold JVMs at once on a small box

        ClusterClient after = cluster.client(cluster.config().nodes(), ClientOptions.defaults().withDeadlineMs(20_000));
        String daveToken = login(after, "dave");
        ClusterClient.Writer dave = after.newWriter(daveToken);
        ChatResult.Inbox inbox = take(dave);
        assertThat(inbox.messages()).extracting(Message::text).containsExactly("one", "two", "three");
        assertThat(inbox.messages()).extracting(Message::from).containsOnly("carol");
        assertThat(take(dave).messages()).as("delivered once").isEmpty();
        ChatReply.History seen = (ChatReply.History) ((Response.Chat) after.read(
                new Query.Chat(new ChatQuery.History("dave", 0, 0, 10)), carolToken)).reply();
        assertThat(seen.messages()).extracting(Message::status).containsOnly("delivered");
    }

    private static ChatResult.Inbox take(ClusterClient.Writer w) {
        Result r = ClusterClient.await(w.submit(new Write.Chat(new ChatOp.TakeInbox(100))));
        return (ChatResult.Inbox) ((Result.Chat) r).value();
    }
}
