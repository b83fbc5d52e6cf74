package io.pekkomule.node.kad.routing;

/** How a contact reached the table; decides iMule's {@code update} and {@code fromHello} flags. */
public enum ContactSource {
  /** The contact itself sent a HELLO_REQ/HELLO_RES (Kad2 or Kad1): may update, marks "hello received". */
  HELLO(true, true),
  /** The sender of a BOOTSTRAP_RES: may update. */
  BOOTSTRAP_SENDER(true, false),
  /** An entry inside a RES / BOOTSTRAP_RES list: adds only, never updates. */
  RES_ENTRY(false, false),
  /** A record read from nodes.dat: adds only, and skips the one-off Kad2 probe of Kad1 contacts. */
  NODES_DAT(false, false);

  private final boolean update;
  private final boolean fromHello;

  ContactSource(boolean update, boolean fromHello) {
    this.update = update;
    this.fromHello = fromHello;
  }

  /** Whether an existing entry may be updated (and marked alive) by this contact. */
  public boolean update() {
    return update;
  }

  public boolean fromHello() {
    return fromHello;
  }
}
