/**
 * iMule's on-disk formats: {@code nodes.dat} (all versions) and {@code preferencesKad.dat}. Pure
 * codecs with bounded, offset-reporting decoding; no Pekko.
 */
package io.pekkomule.protocol.files;
