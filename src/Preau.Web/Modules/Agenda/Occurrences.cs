using Preau.Web.Modules.Agenda.Data;

namespace Preau.Web.Modules.Agenda;

/// <summary>One occurrence of an event, in Paris time.</summary>
internal sealed record Occurrence(AgendaEvent Event, DateTime LocalStart, DateTime LocalEnd)
{
    public bool AllDay => Event.AllDay;

    /// <summary>Whether the occurrence covers some of that Paris day.</summary>
    public bool On(DateOnly day)
    {
        var dayStart = day.ToDateTime(TimeOnly.MinValue);
        return LocalStart < dayStart.AddDays(1) && (LocalEnd > dayStart || (LocalEnd == LocalStart && LocalStart >= dayStart));
    }
}

internal static class Occurrences
{
    /// <summary>
    /// Expands events into the occurrences overlapping [from, to) (Paris days). A repeated event keeps its Paris
    /// wall-clock time across daylight-saving changes: it is computed locally, week after week, not by adding
    /// 7 × 24 hours in UTC. An event that skips the holidays has no occurrence starting on a day of
    /// <paramref name="holidays"/> (needed only when some event skips them).
    /// </summary>
    public static List<Occurrence> Expand(IEnumerable<AgendaEvent> events, DateOnly from, DateOnly to, IReadOnlyList<HolidayPeriod>? holidays = null)
    {
        var rangeStart = from.ToDateTime(TimeOnly.MinValue);
        var rangeEnd = to.ToDateTime(TimeOnly.MinValue);
        var result = new List<Occurrence>();
        foreach (var e in events)
        {
            var start = Platform.Time.ParisDate.ToParis(e.StartsAt);
            var length = Platform.Time.ParisDate.ToParis(e.EndsAt) - start;
            if (e.RepeatUntil is not { } until)
            {
                Add(start);
                continue;
            }
            var step = 7 * Math.Clamp(e.RepeatWeeks, 1, MaxWeeks);
            var skip = Math.Max(0, (int)Math.Floor((rangeStart - start).TotalDays / step) - 1);
            for (var k = skip; ; k++)
            {
                var s = start.AddDays(step * k);
                if (DateOnly.FromDateTime(s) > until || s >= rangeEnd)
                {
                    break;
                }
                if (!e.SkipHolidays || !InHolidays(DateOnly.FromDateTime(s), holidays))
                {
                    Add(s);
                }
            }

            void Add(DateTime s)
            {
                var end = s + length;
                if (s < rangeEnd && (end > rangeStart || (end == s && s >= rangeStart)))
                {
                    result.Add(new Occurrence(e, s, end));
                }
            }
        }
        return [.. result.OrderBy(o => o.LocalStart).ThenBy(o => o.Event.Title)];
    }

    /// <summary>The longest interval offered: every four weeks.</summary>
    public const int MaxWeeks = 4;

    /// <summary>The Paris days a repeated event starts on, from its first to <see cref="AgendaEvent.RepeatUntil"/> (holidays not skipped).</summary>
    public static IEnumerable<DateOnly> Days(AgendaEvent e)
    {
        var first = DateOnly.FromDateTime(Platform.Time.ParisDate.ToParis(e.StartsAt));
        var step = 7 * Math.Clamp(e.RepeatWeeks, 1, MaxWeeks);
        for (var day = first; e.RepeatUntil is { } until && day <= until; day = day.AddDays(step))
        {
            yield return day;
        }
    }

    public static bool InHolidays(DateOnly day, IReadOnlyList<HolidayPeriod>? holidays) =>
        holidays is not null && holidays.Any(h => h.FirstDay <= day && day <= h.LastDay);
}
