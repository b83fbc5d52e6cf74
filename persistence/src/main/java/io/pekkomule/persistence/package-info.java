/** Event-sourced identity, buckets and stored index; filled in by the persistence issue. */
package io.pekkomule.persistence;
