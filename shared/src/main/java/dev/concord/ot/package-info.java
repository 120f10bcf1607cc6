/**
 * Plain-text Operational Transformation, after ot.js, with no I/O.
 *
 * <ul>
 *   <li>{@link dev.concord.ot.TextOperation}: immutable retain/insert/delete operations with
 *       apply, compose, invert and transform, and their JSON wire form (the ot.js one).
 *   <li>{@link dev.concord.ot.Selection}: carets and selections carried through operations.
 *   <li>{@link dev.concord.ot.OtClient}: the client's three-state protocol machine;
 *       {@link dev.concord.ot.Rebase}: the server's transform of an incoming operation.
 *   <li>{@link dev.concord.ot.UndoManager}: undo of the user's own edits only.
 * </ul>
 *
 * <p><b>Units.</b> Every position and length is in UTF-16 code units (Java {@code String}
 * indices, as in JavaScript); no operation may cut a surrogate pair.
 *
 * <p><b>Tie-break, one rule everywhere.</b> {@code TextOperation.transform(a, b)} puts
 * {@code a}'s text first when both insert at one position (as ot.js does). Concord always passes
 * the operation already committed in the log as {@code a}: the server as
 * {@code transform(committed, incoming)} in {@link dev.concord.ot.Rebase#onto}, the client as
 * {@code transform(serverOp, pending)} in {@link dev.concord.ot.OtClient#applyServer}. So at a
 * tie the earlier-committed text comes first on every replica. (ot.js's own server and client
 * both pass the uncommitted operation first instead; either convention converges if both sides
 * use it, and Concord fixes this one.)
 */
package dev.concord.ot;
