package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"

	"github.com/coopgraph/coopgraph/internal/auth"
	"github.com/coopgraph/coopgraph/internal/store"
)

// APIKey runs `coopgraph apikey create|list|revoke`.
func APIKey(ctx context.Context, st *store.Store, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		return errors.New("apikey: say create, list or revoke")
	}
	switch args[0] {
	case "create":
		fs := flag.NewFlagSet("apikey create", flag.ContinueOnError)
		fs.SetOutput(stderr)
		name := fs.String("name", "", "what the key is for (required)")
		role := fs.String("role", string(auth.Viewer), "VIEWER, ANALYST, COORDINATOR, EDITOR or ADMIN")
		stakeholder := fs.String("stakeholder", "", "for a COORDINATOR: the stakeholder it acts for")
		if err := fs.Parse(args[1:]); err != nil {
			return err
		}
		secret, k, err := st.CreateAPIKey(ctx, *name, auth.Role(*role), *stakeholder)
		if err != nil {
			return fmt.Errorf("apikey create: %w", err)
		}
		fmt.Fprintf(stderr, "created API key %s (%s, %s); its secret is shown this once:\n", k.ID, k.Name, k.Role)
		fmt.Fprintln(stdout, secret)
		return nil
	case "list":
		keys, err := st.APIKeys(ctx)
		if err != nil {
			return err
		}
		for _, k := range keys {
			state := "active"
			if k.Revoked {
				state = "revoked"
			}
			fmt.Fprintf(stdout, "%s\t%s\t%s\t%s\t%s\t%s\n", k.ID, k.Role, state, k.CreatedAt.Format("2006-01-02"), k.StakeholderID, k.Name)
		}
		return nil
	case "revoke":
		if len(args) != 2 {
			return errors.New("apikey revoke: name the key's id")
		}
		ok, err := st.RevokeAPIKey(ctx, args[1])
		if err != nil {
			return err
		}
		if !ok {
			return fmt.Errorf("apikey revoke: no key %q", args[1])
		}
		fmt.Fprintf(stderr, "revoked %s\n", args[1])
		return nil
	}
	return fmt.Errorf("apikey: %q is not create, list or revoke", args[0])
}
