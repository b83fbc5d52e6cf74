/**
 * One record per Kad opcode of iMule (spec §7.1, §7.2, §7.4), decoded through {@link
 * io.pekkomule.protocol.msg.Messages} under {@link io.pekkomule.protocol.Limits}.
 */
package io.pekkomule.protocol.msg;
