// Package tracing switches OpenTelemetry tracing on by configuration: the
// API makes a span for each GraphQL operation and the store one for each
// Cypher query (see their packages); here they are sent to an OTLP
// collector, or nowhere.
package tracing

import (
	"context"
	"fmt"

	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/exporters/otlp/otlptrace/otlptracehttp"
	"go.opentelemetry.io/otel/sdk/resource"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	semconv "go.opentelemetry.io/otel/semconv/v1.26.0"
)

// Setup installs the tracer provider for mode: "off" (spans are not
// recorded) or "otlp" (sent over OTLP/HTTP to the collector the standard
// OTEL_EXPORTER_OTLP_ENDPOINT names, http://localhost:4318 by default). It
// returns the function that flushes and stops it.
func Setup(ctx context.Context, mode string) (func(context.Context) error, error) {
	switch mode {
	case "", "off":
		return func(context.Context) error { return nil }, nil
	case "otlp":
		exp, err := otlptracehttp.New(ctx)
		if err != nil {
			return nil, fmt.Errorf("tracing: %w", err)
		}
		tp := sdktrace.NewTracerProvider(sdktrace.WithBatcher(exp),
			sdktrace.WithResource(resource.NewWithAttributes(semconv.SchemaURL, semconv.ServiceName("coopgraph"))))
		otel.SetTracerProvider(tp)
		return tp.Shutdown, nil
	}
	return nil, fmt.Errorf("COOPGRAPH_TRACING %q is not off or otlp", mode)
}
