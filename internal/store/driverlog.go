package store

import (
	"context"
	"fmt"
	"log/slog"

	neo4jlog "github.com/neo4j/neo4j-go-driver/v5/neo4j/log"
)

// driverLog is the one adapter that sends the driver's log to slog. The
// driver's errors are mostly retried (a dropped connection, a leader
// change), so they are warnings here; its info lines (pools, routing
// tables) are debug lines, to keep the info level to one line a request.
type driverLog struct{ log *slog.Logger }

var _ neo4jlog.Logger = driverLog{}

func (d driverLog) Error(name, id string, err error) {
	d.log.LogAttrs(context.Background(), slog.LevelWarn, "neo4j driver", slog.String("component", name), slog.String("id", id), slog.Any("error", err))
}

func (d driverLog) Warnf(name, id, msg string, args ...any) {
	d.logf(slog.LevelWarn, name, id, msg, args)
}

func (d driverLog) Infof(name, id, msg string, args ...any) {
	d.logf(slog.LevelDebug, name, id, msg, args)
}

func (d driverLog) Debugf(name, id, msg string, args ...any) {
	d.logf(slog.LevelDebug, name, id, msg, args)
}

func (d driverLog) logf(l slog.Level, name, id, msg string, args []any) {
	ctx := context.Background()
	if !d.log.Enabled(ctx, l) {
		return // the driver logs a lot at debug level: do not format it
	}
	d.log.LogAttrs(ctx, l, "neo4j driver: "+fmt.Sprintf(msg, args...), slog.String("component", name), slog.String("id", id))
}
