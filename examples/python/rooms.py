"""Meet rooms from Python: the generated pulumi_googlemeet SDK, run through the real Pulumi engine as
an Automation API inline program (no Python language host needed).

    python rooms.py up | preview | refresh | destroy
    python rooms.py import <name> <spaces/{id} or meeting code>

The engine finds the plugin pulumi-resource-googlemeet on PATH (node_modules/pulumi-google-meet/bin
after `npm install pulumi-google-meet`). State goes where PULUMI_BACKEND_URL says (for example
file://~/.pulumi-local); the last line printed is a JSON summary.
"""

import json
import os
import sys

import pulumi
import pulumi_googlemeet as googlemeet
from pulumi import automation as auto

PROJECT = "meet-python-rooms"


def program() -> None:
    """The rooms. OFFICE_HOURS_ACCESS changes one setting (the tests use it)."""
    standup = googlemeet.MeetSpace(
        "team-standup",
        config=googlemeet.SpaceConfigArgs(
            access_type=googlemeet.AccessType.RESTRICTED,
            attendance_report_generation_type=googlemeet.AttendanceReportGenerationType.GENERATE_REPORT,
        ),
        members=[
            googlemeet.MeetSpaceMemberSpecArgs(email="lead@example.com", role=googlemeet.MemberRole.COHOST),
            googlemeet.MeetSpaceMemberSpecArgs(email="dev1@example.com"),
        ],
    )
    office_hours = googlemeet.MeetSpace(
        "office-hours",
        config=googlemeet.SpaceConfigArgs(
            access_type=os.environ.get("OFFICE_HOURS_ACCESS", "OPEN"),
            moderation=googlemeet.Moderation.ON,
            moderation_restrictions=googlemeet.ModerationRestrictionsArgs(
                chat_restriction=googlemeet.RestrictionType.HOSTS_ONLY,
            ),
        ),
    )
    googlemeet.MeetSpaceMember(
        "office-hours-host",
        space=office_hours.name,
        email="support-lead@example.com",
        role=googlemeet.MemberRole.COHOST,
    )
    # Adopting a room made outside Pulumi: import it by spaces/{id} or meeting code, once; keep the
    # definition afterwards (the import option is ignored once the room is in the state).
    if os.environ.get("LOBBY_IMPORT_ID"):
        googlemeet.MeetSpace(
            "lobby",
            config=googlemeet.SpaceConfigArgs(access_type=googlemeet.AccessType.TRUSTED),
            opts=pulumi.ResourceOptions(import_=os.environ["LOBBY_IMPORT_ID"]),
        )
    pulumi.export("standupLink", standup.meeting_uri)
    pulumi.export("officeHoursLink", office_hours.meeting_uri)


def main(argv: list[str]) -> None:
    command = argv[0] if argv else "up"
    work_dir = os.environ.get("ROOMS_WORK_DIR", os.path.dirname(os.path.abspath(__file__)))
    stack = auto.create_or_select_stack(
        stack_name=os.environ.get("ROOMS_STACK", "dev"),
        project_name=PROJECT,
        program=program,
        opts=auto.LocalWorkspaceOptions(
            work_dir=work_dir,
            pulumi_command=auto.PulumiCommand(skip_version_check=True),
        ),
    )
    show = lambda line: print(line, file=sys.stderr, end="" if line.endswith("\n") else "\n")
    result: dict = {"command": command}
    if command == "up":
        res = stack.up(on_output=show)
        result["changes"] = res.summary.resource_changes
        result["outputs"] = {k: v.value for k, v in res.outputs.items()}
    elif command == "preview":
        res = stack.preview(on_output=show, diff=True)
        result["changes"] = res.change_summary
        result["stdout"] = res.stdout
    elif command == "refresh":
        result["changes"] = stack.refresh(on_output=show).summary.resource_changes
    elif command == "destroy":
        result["changes"] = stack.destroy(on_output=show).summary.resource_changes
    elif command == "import":
        name, import_id = argv[1], argv[2]
        res = stack.import_resources(
            resources=[{"type": "googlemeet:index:MeetSpace", "name": name, "id": import_id}],
            protect=False,
            # Generating Python code needs the Python language host; the state is what counts here.
            generate_code=False,
            on_output=show,
        )
        result["changes"] = res.summary.resource_changes
    else:
        raise SystemExit(f"unknown command {command!r}: use up, preview, refresh, destroy or import")
    print(json.dumps(result))


if __name__ == "__main__":
    main(sys.argv[1:])
