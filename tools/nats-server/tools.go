//go:build tools

// Package tools pins the nats-server that clustered test runs build (see
// libs/infra ensureClusterNatsServer): v2.11, as the deployment files run.
// Debian's 2.9 accepts two concurrent compare-and-set writes of one KV key in
// a clustered stream (nats-server issue 4320, fixed in 2.9.21).
package tools

import _ "github.com/nats-io/nats-server/v2"
