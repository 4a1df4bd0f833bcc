// Meet rooms from Go: the generated googlemeet SDK (sdk/go) run through the real Pulumi engine as an
// Automation API inline program (no Go language host needed).
//
//	go run . up | preview | refresh | destroy
//
// The engine finds the plugin pulumi-resource-googlemeet on PATH (node_modules/pulumi-google-meet/bin
// after `npm install pulumi-google-meet`). State goes where PULUMI_BACKEND_URL says; the last line
// printed is a JSON summary. OFFICE_HOURS_ACCESS changes one setting; LOBBY_IMPORT_ID adopts a room
// made outside Pulumi (spaces/{id} or a meeting code).
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"

	"github.com/pulumi-google-meet/pulumi-google-meet/sdk/go/googlemeet"
	"github.com/pulumi/pulumi/sdk/v3/go/auto"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optdestroy"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optpreview"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optrefresh"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optup"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

const project = "meet-go-rooms"

func program(ctx *pulumi.Context) error {
	standup, err := googlemeet.NewMeetSpace(ctx, "team-standup", &googlemeet.MeetSpaceArgs{
		Config: &googlemeet.SpaceConfigArgs{
			AccessType:                     googlemeet.AccessTypeRESTRICTED,
			AttendanceReportGenerationType: googlemeet.AttendanceReportGenerationType_GENERATE_REPORT,
		},
		Members: googlemeet.MeetSpaceMemberSpecArray{
			&googlemeet.MeetSpaceMemberSpecArgs{Email: pulumi.String("lead@example.com"), Role: googlemeet.MemberRoleCOHOST},
			&googlemeet.MeetSpaceMemberSpecArgs{Email: pulumi.String("dev1@example.com")},
		},
	})
	if err != nil {
		return err
	}
	access := os.Getenv("OFFICE_HOURS_ACCESS")
	if access == "" {
		access = "OPEN"
	}
	officeHours, err := googlemeet.NewMeetSpace(ctx, "office-hours", &googlemeet.MeetSpaceArgs{
		Config: &googlemeet.SpaceConfigArgs{
			AccessType: googlemeet.AccessType(access),
			Moderation: googlemeet.ModerationON,
			ModerationRestrictions: &googlemeet.ModerationRestrictionsArgs{
				ChatRestriction: googlemeet.RestrictionType_HOSTS_ONLY,
			},
		},
	})
	if err != nil {
		return err
	}
	if _, err := googlemeet.NewMeetSpaceMember(ctx, "office-hours-host", &googlemeet.MeetSpaceMemberArgs{
		Space: officeHours.Name,
		Email: pulumi.String("support-lead@example.com"),
		Role:  googlemeet.MemberRoleCOHOST,
	}); err != nil {
		return err
	}
	if id := os.Getenv("LOBBY_IMPORT_ID"); id != "" {
		if _, err := googlemeet.NewMeetSpace(ctx, "lobby", &googlemeet.MeetSpaceArgs{
			Config: &googlemeet.SpaceConfigArgs{AccessType: googlemeet.AccessTypeTRUSTED},
		}, pulumi.Import(pulumi.ID(id))); err != nil {
			return err
		}
	}
	ctx.Export("standupLink", standup.MeetingUri)
	ctx.Export("officeHoursLink", officeHours.MeetingUri)
	return nil
}

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func run(args []string) error {
	ctx := context.Background()
	command := "up"
	if len(args) > 0 {
		command = args[0]
	}
	workDir := os.Getenv("ROOMS_WORK_DIR")
	if workDir == "" {
		workDir, _ = filepath.Abs(".")
	}
	stackName := os.Getenv("ROOMS_STACK")
	if stackName == "" {
		stackName = "dev"
	}
	cmd, err := auto.NewPulumiCommand(&auto.PulumiCommandOptions{SkipVersionCheck: true})
	if err != nil {
		return err
	}
	stack, err := auto.UpsertStackInlineSource(ctx, stackName, project, program, auto.WorkDir(workDir), auto.Pulumi(cmd))
	if err != nil {
		return err
	}
	result := map[string]any{"command": command}
	switch command {
	case "up":
		res, err := stack.Up(ctx, optup.ProgressStreams(os.Stderr))
		if err != nil {
			return err
		}
		result["changes"] = res.Summary.ResourceChanges
		outputs := map[string]any{}
		for k, v := range res.Outputs {
			outputs[k] = v.Value
		}
		result["outputs"] = outputs
	case "preview":
		res, err := stack.Preview(ctx, optpreview.Diff(), optpreview.ProgressStreams(os.Stderr))
		if err != nil {
			return err
		}
		result["changes"] = res.ChangeSummary
		result["stdout"] = res.StdOut
	case "refresh":
		res, err := stack.Refresh(ctx, optrefresh.ProgressStreams(os.Stderr))
		if err != nil {
			return err
		}
		result["changes"] = res.Summary.ResourceChanges
	case "destroy":
		res, err := stack.Destroy(ctx, optdestroy.ProgressStreams(os.Stderr))
		if err != nil {
			return err
		}
		result["changes"] = res.Summary.ResourceChanges
	default:
		return fmt.Errorf("unknown command %q: use up, preview, refresh or destroy", command)
	}
	out, err := json.Marshal(result)
	if err != nil {
		return err
	}
	fmt.Println(string(out))
	return nil
}
