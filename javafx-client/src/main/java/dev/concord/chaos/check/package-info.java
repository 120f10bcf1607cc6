/**
 * A linearizability checker for histories of compare-and-set registers, of the Wing &amp;
 * Gong / Porcupine kind, for the chaos runs.
 *
 * <p>Clients record one {@link dev.concord.chaos.check.Op} per request (who, which key,
 * what, when sent, when answered, what came back, or that the answer never came), save them
 * with {@link dev.concord.chaos.check.HistoryJson}, and check them:
 *
 * <pre>{@code
 * List<Op> history = HistoryJson.read(Path.of("history.jsonl"));
 * CheckResult result = new LinearizabilityChecker().check(history);
 * System.out.print(result.toText());                            // for the chaos report
 * Files.writeString(report, ReportJson.toJson(result).toPrettyString());
 * }</pre>
 *
 * <p>Semantics checked: every key starts absent; {@code get} returns the value;
 * {@code put} writes; {@code cas(expected, value)} writes exactly when the value equals
 * {@code expected} (null: absent), reports whether it did and, if the response carries it,
 * the value it compared against. Operation A precedes B in real time only when A completed
 * strictly before B was invoked; equal timestamps count as concurrent. FAIL operations did not
 * happen; UNKNOWN ones may have happened once, at any time after their invocation.
 *
 * <p>Cost: a linearizable history is usually checked in time close to linear in its length.
 * Proving that a history is NOT linearizable means exhausting the search over the failing
 * key's prefix, which grows with that key's length, its concurrency and especially the number
 * of UNKNOWN operations on it (each stays a candidate for ever). Keep keys short, a few
 * hundred to a few thousand operations each, and spread load over many keys, as Jepsen's
 * independent-key workloads do; a search past its time, step or memory bound reports UNKNOWN
 * for that key rather than hanging.
 */
package dev.concord.chaos.check;
