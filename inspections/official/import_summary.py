"""Plain-text account of an import, for the commands and the admin. No Django."""


def describe(report) -> str:
    lines = []
    head = f"{report.file_name}"
    if report.edition:
        head += f" — {report.edition}"
    lines.append(head)
    if report.problems:
        lines.append(f"  {len(report.problems)} problem(s); nothing was written:")
        lines += [f"  - {p}" for p in report.problems]
        return "\n".join(lines)
    s = report.summary
    verb = "would be" if report.dry_run else "were"
    if report.kind == "neighbours":
        lines.append(
            f"  {s['model']}: {s['councils']} councils, {s['neighbours']} neighbour links; "
            f"{s['added']} {verb} "
            f"added, {s['removed']} removed, {s['unchanged']} left alone."
        )
        return "\n".join(lines)
    events = s["events"]
    lines.append(
        f"  {s['rows_read']} rows, {s['events_in_file']} events in the file "
        f"({', '.join(f'{k} {v}' for k, v in sorted(s['events_by_kind'].items()))})"
    )
    lines.append(
        f"  Events: {events['added']} {verb} added, {events['changed']} changed, "
        f"{events['unchanged']} left alone; "
        f"judgements: {s['judgements_created']} added, {s['judgements_changed']} revised; "
        f"{s['sources_created']} sources; {s['conflicts_created']} conflicts."
    )
    for change in s["changes"]:
        lines.append(f"  changed: {change}")
    if s.get("more_changes"):
        lines.append(f"  … and {s['more_changes']} more changes")
    for conflict in s["conflicts"]:
        lines.append(f"  conflict: {conflict}")
    if "seconds" in s:
        lines.append(f"  {s['seconds']} s")
    return "\n".join(lines)
