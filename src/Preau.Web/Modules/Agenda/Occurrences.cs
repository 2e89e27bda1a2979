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
    /// wall-clock time across daylight-saving changes: it is computed locally, day after day or month after month, not
    /// by adding hours in UTC. An event that skips the holidays has no occurrence starting on a day of
    /// <paramref name="holidays"/> (needed only when some event skips them); none starts on one of its excepted days.
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
            if (e.RepeatUntil is null)
            {
                Add(start);
                continue;
            }
            var excepted = ExceptedDays(e);
            // Started early enough that an occurrence begun before the range but still running is kept.
            foreach (var s in Series(e, start, rangeStart - length - TimeSpan.FromDays(1), rangeEnd))
            {
                var day = DateOnly.FromDateTime(s);
                if ((!e.SkipHolidays || !InHolidays(day, holidays)) && !excepted.Contains(day))
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

    /// <summary>How many days a series may leave out.</summary>
    public const int MaxExceptions = 150;

    /// <summary>
    /// The Paris wall-clock starts of a series from about <paramref name="from"/> (never before its first) to its last day
    /// or <paramref name="to"/>, whichever comes first; holidays and excepted days are the caller's.
    /// </summary>
    public static IEnumerable<DateTime> Series(AgendaEvent e, DateTime start, DateTime from, DateTime to)
    {
        if (e.RepeatUntil is not { } until)
        {
            yield break;
        }
        var last = until.ToDateTime(TimeOnly.MaxValue);
        if (last > to)
        {
            last = to;
        }
        switch (e.RepeatUnit)
        {
            case RepeatUnit.Day or RepeatUnit.Weekday:
                for (var s = start.AddDays(Math.Max(0, (int)Math.Floor((from - start).TotalDays))); s <= last && s < to; s = s.AddDays(1))
                {
                    if (e.RepeatUnit == RepeatUnit.Day || s.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
                    {
                        yield return s;
                    }
                }
                break;
            case RepeatUnit.MonthDay or RepeatUnit.MonthWeekday:
                var rank = (start.Day - 1) / 7 + 1;
                var firstMonth = new DateTime(start.Year, start.Month, 1);
                var skipMonths = Math.Max(0, (from.Year - start.Year) * 12 + from.Month - start.Month - 1);
                for (var k = skipMonths; ; k++)
                {
                    var month = firstMonth.AddMonths(k);
                    if (month > last)
                    {
                        break;
                    }
                    DateTime? day = e.RepeatUnit == RepeatUnit.MonthDay
                        ? (start.Day <= DateTime.DaysInMonth(month.Year, month.Month) ? month.AddDays(start.Day - 1) : null)
                        : NthWeekday(month, start.DayOfWeek, rank);
                    if (day is { } d)
                    {
                        var s = d + start.TimeOfDay;
                        if (s > last || s >= to)
                        {
                            break;
                        }
                        if (s >= start)
                        {
                            yield return s;
                        }
                    }
                }
                break;
            default:
                var step = 7 * Math.Clamp(e.RepeatWeeks, 1, MaxWeeks);
                for (var k = Math.Max(0, (int)Math.Floor((from - start).TotalDays / step)); ; k++)
                {
                    var s = start.AddDays(step * k);
                    if (s > last || s >= to)
                    {
                        break;
                    }
                    yield return s;
                }
                break;
        }
    }

    /// <summary>The <paramref name="rank"/>-th such weekday of the month (1–4), or its last one for 5.</summary>
    private static DateTime NthWeekday(DateTime month, DayOfWeek weekday, int rank)
    {
        var first = month.AddDays(((int)weekday - (int)month.DayOfWeek + 7) % 7);
        var day = first.AddDays(7 * (rank - 1));
        return rank < 5 || day.Month == month.Month ? day : day.AddDays(-7);
    }

    /// <summary>The Paris days a repeated event starts on, from its first to <see cref="AgendaEvent.RepeatUntil"/> (holidays and exceptions not skipped).</summary>
    public static IEnumerable<DateOnly> Days(AgendaEvent e)
    {
        var start = Platform.Time.ParisDate.ToParis(e.StartsAt);
        return Series(e, start, start, DateTime.MaxValue).Select(DateOnly.FromDateTime);
    }

    public static bool InHolidays(DateOnly day, IReadOnlyList<HolidayPeriod>? holidays) =>
        holidays is not null && holidays.Any(h => h.FirstDay <= day && day <= h.LastDay);

    public static HashSet<DateOnly> ExceptedDays(AgendaEvent e) =>
        string.IsNullOrEmpty(e.ExceptDays) ? [] :
        [.. e.ExceptDays.Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(d => DateOnly.TryParseExact(d, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var x) ? x : (DateOnly?)null)
            .OfType<DateOnly>()];

    public static string? FormatExceptions(IEnumerable<DateOnly> days)
    {
        var list = days.Distinct().Order().Take(MaxExceptions).Select(d => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)).ToList();
        return list.Count == 0 ? null : string.Join(',', list);
    }

    /// <summary>The French words of a series' rhythm, before « jusqu'au » (translated by the page).</summary>
    public static string Rhythm(AgendaEvent e) => e.RepeatUnit switch
    {
        RepeatUnit.Day => "Chaque jour jusqu'au",
        RepeatUnit.Weekday => "Du lundi au vendredi jusqu'au",
        RepeatUnit.MonthDay => "Chaque mois, le même jour, jusqu'au",
        RepeatUnit.MonthWeekday => "Chaque mois, le même jour de la semaine, jusqu'au",
        _ => e.RepeatWeeks switch
        {
            <= 1 => "Chaque semaine jusqu'au",
            2 => "Toutes les deux semaines jusqu'au",
            3 => "Toutes les trois semaines jusqu'au",
            _ => "Toutes les quatre semaines jusqu'au",
        },
    };
}
