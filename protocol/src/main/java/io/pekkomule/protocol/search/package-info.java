/** The search-expression tree of restrictive keyword searches and its wire codec (spec §7.3). */
package io.pekkomule.protocol.search;
