package domain

import (
	"errors"
	"fmt"
)

// Error codes. They are the values of extensions.code in GraphQL errors; the
// mapping to the wire happens in one place, the GraphQL error presenter.
const (
	CodeBadUserInput    = "BAD_USER_INPUT"
	CodeNotFound        = "NOT_FOUND"
	CodeConflict        = "CONFLICT"
	CodeUnavailable     = "UNAVAILABLE"
	CodeTimeout         = "TIMEOUT"
	CodeTooComplex      = "TOO_COMPLEX"
	CodeRateLimited     = "RATE_LIMITED"
	CodeUnauthenticated = "UNAUTHENTICATED"
	CodeForbidden       = "FORBIDDEN"
	CodePayloadTooLarge = "PAYLOAD_TOO_LARGE"
	CodeInternal        = "INTERNAL"
)

// Error is the one error type the domain speaks. Field names the argument or
// input path the error is about ("first", "filter.kind"), empty when none.
type Error struct {
	Code    string
	Field   string
	Message string
	// Details are shown to clients as extensions (e.g. currentVersion).
	Details map[string]any
	Err     error // the cause, never shown to clients
}

func (e *Error) Error() string {
	msg := e.Message
	if e.Field != "" {
		msg = e.Field + ": " + msg
	}
	if e.Err != nil {
		return msg + ": " + e.Err.Error()
	}
	return msg
}

func (e *Error) Unwrap() error { return e.Err }

// Invalid returns a BAD_USER_INPUT error about field.
func Invalid(field, format string, args ...any) *Error {
	return &Error{Code: CodeBadUserInput, Field: field, Message: fmt.Sprintf(format, args...)}
}

// Unavailable wraps a cause that means the database cannot be reached.
func Unavailable(err error) *Error {
	return &Error{Code: CodeUnavailable, Message: "the database is unavailable, try again later", Err: err}
}

// ErrorCode returns the code of the first *Error in err's chain, or
// CodeInternal when there is none.
func ErrorCode(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return CodeInternal
}
