package store

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	neo4jlog "github.com/neo4j/neo4j-go-driver/v5/neo4j/log"

	"github.com/coopgraph/coopgraph/internal/domain"
)

// driverLog is the one adapter that sends the driver's log to slog. The
// driver logs as an error whatever a transaction function returns, so the
// errors that are coopgraph's own (a CONFLICT, problems) or the client's
// (Neo.ClientError.*: a bad bookmark) are debug lines: the API reports
// them already. The others (a dropped connection, a leader change; mostly
// retried) are warnings. Its info lines (pools, routing tables) are debug
// lines, to keep the info level to one line a request.
type driverLog struct{ log *slog.Logger }

var _ neo4jlog.Logger = driverLog{}

func (d driverLog) Error(name, id string, err error) {
	level := slog.LevelWarn
	var (
		de   *domain.Error
		ps   domain.Problems
		nerr *neo4j.Neo4jError
	)
	if errors.As(err, &de) || errors.As(err, &ps) || errors.Is(err, errDryRun) ||
		errors.As(err, &nerr) && strings.HasPrefix(nerr.Code, "Neo.ClientError.") {
		level = slog.LevelDebug
	}
	d.log.LogAttrs(context.Background(), level, "neo4j driver", slog.String("component", name), slog.String("id", id), slog.Any("error", err))
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
