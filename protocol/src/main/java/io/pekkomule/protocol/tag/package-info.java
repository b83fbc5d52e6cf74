/**
 * iMule tags (spec §6): the typed {@link io.pekkomule.protocol.tag.Tag} model, {@link
 * io.pekkomule.protocol.tag.TagList}, and the two wire dialects (with and without the
 * {@code _DEBUG_TAGS} serial) read by {@link io.pekkomule.protocol.tag.TagReader} and written by
 * {@link io.pekkomule.protocol.tag.TagWriter}.
 */
package io.pekkomule.protocol.tag;
