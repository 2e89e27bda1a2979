using System.Security.Cryptography;
using System.Text;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.Agenda.Data;
using Preau.Web.Platform.Auth;
using Preau.Web.Platform.Data;
using Preau.Web.Platform.Telemetry;

namespace Preau.Web.Modules.Agenda.Feeds;

/// <summary>
/// The private iCalendar feed of one agenda for one person, authenticated by its secret token only (calendar
/// applications cannot sign in). The person's access is checked again on every request, so a pupil who left the
/// class, or a revoked link, gets 404.
/// </summary>
internal static class IcsFeed
{
    public static string Hash(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token))).ToLowerInvariant();

    /// <summary>What follows it in a path is a secret: masked in logs (<see cref="RequestLogScope"/>).</summary>
    public const string PathPrefix = "/agenda/ics/";

    public static void MapAgendaFeed(this IEndpointRouteBuilder app) =>
        app.MapGet(PathPrefix + "{token}.ics", GetAsync).AllowAnonymous().ExcludeFromDescription();

    private static async Task<IResult> GetAsync(string token, PreauDbContext db, AccessContext context, AgendaDirectory directory, AgendaQueries queries, HttpContext http, ILoggerFactory loggers, CancellationToken ct)
    {
        var hash = token.Length is < 20 or > 100 ? null : Hash(token);
        var row = hash is null ? null : await db.AgendaFeedTokens.AsNoTracking().FirstOrDefaultAsync(t => t.TokenHash == hash, ct);
        var agenda = row is null ? null : await directory.FindAsync(await context.ForPersonAsync(row.PersonId, ct), row.AgendaId, ct);
        if (row is null || agenda is null)
        {
            // A revoked link still polled by a calendar application, someone who left the class, or guesses: worth
            // counting, never with the token (the request's path is masked in the log scope).
            loggers.CreateLogger(typeof(IcsFeed)).LogInformation("Calendar feed refused: {Reason}", row is null ? "unknown or revoked link" : "no longer a reader of the agenda");
            return Results.NotFound();
        }
        var events = await db.AgendaEvents.AsNoTracking().Where(e => e.AgendaId == agenda.Id).OrderBy(e => e.StartsAt).ToListAsync(ct);
        http.Response.Headers.CacheControl = "private, no-store";
        http.Response.Headers["X-Robots-Tag"] = "noindex";
        var holidays = events.Any(e => e.SkipHolidays) ? (await queries.HolidayCalendarAsync(ct)).Periods : null;
        return Results.Text(Build(agenda.Label, events, holidays), "text/calendar; charset=utf-8");
    }

    /// <summary>The rule of a series, as calendar applications read it (FREQ, INTERVAL, BYDAY, BYMONTHDAY).</summary>
    private static RecurrencePattern Rule(AgendaEvent e, DateTime start) => e.RepeatUnit switch
    {
        RepeatUnit.Day => new RecurrencePattern(FrequencyType.Daily, 1),
        RepeatUnit.Weekday => new RecurrencePattern(FrequencyType.Weekly, 1)
        {
            ByDay = [new WeekDay(DayOfWeek.Monday), new WeekDay(DayOfWeek.Tuesday), new WeekDay(DayOfWeek.Wednesday), new WeekDay(DayOfWeek.Thursday), new WeekDay(DayOfWeek.Friday)],
        },
        RepeatUnit.MonthDay => new RecurrencePattern(FrequencyType.Monthly, 1) { ByMonthDay = [start.Day] },
        RepeatUnit.MonthWeekday => new RecurrencePattern(FrequencyType.Monthly, 1)
        {
            ByDay = [new WeekDay(start.DayOfWeek, (start.Day - 1) / 7 + 1 is var rank && rank == 5 ? -1 : rank)],
        },
        _ => new RecurrencePattern(FrequencyType.Weekly, Math.Clamp(e.RepeatWeeks, 1, Occurrences.MaxWeeks)),
    };

    /// <summary>The calendar; days taken out of a series, and those in the school holidays when it skips them, are exceptions (EXDATE).</summary>
    public static string Build(string name, IEnumerable<AgendaEvent> events, IReadOnlyList<HolidayPeriod>? holidays = null)
    {
        var calendar = new Calendar { ProductId = "-//Préau//Agenda//FR" };
        calendar.AddProperty("X-WR-CALNAME", name);
        calendar.AddProperty("X-WR-TIMEZONE", ParisTime.ZoneId);
        calendar.AddTimeZone(new VTimeZone(ParisTime.ZoneId));
        foreach (var e in events)
        {
            var start = Platform.Time.ParisDate.ToParis(e.StartsAt);
            var end = Platform.Time.ParisDate.ToParis(e.EndsAt);
            var ev = new CalendarEvent
            {
                Uid = e.Id.ToString("N") + "@preau",
                Summary = e.Title,
                Location = e.Place,
                Description = e.Description,
                DtStamp = new CalDateTime(DateTime.SpecifyKind(e.UpdatedAt, DateTimeKind.Utc), "UTC", true),
                DtStart = e.AllDay ? new CalDateTime(DateOnly.FromDateTime(start)) : new CalDateTime(start, ParisTime.ZoneId, true),
                DtEnd = e.AllDay ? new CalDateTime(DateOnly.FromDateTime(end)) : new CalDateTime(end, ParisTime.ZoneId, true),
            };
            if (e.RepeatUntil is { } until)
            {
                ev.RecurrenceRule = Rule(e, start);
                // RFC 5545: with a zoned DTSTART, UNTIL is in UTC; for an all-day event it is a date.
                ev.RecurrenceRule.Until = e.AllDay ? new CalDateTime(until) : new CalDateTime(Platform.Time.ParisDate.ToUtc(until.ToDateTime(new TimeOnly(23, 59, 59))), "UTC", true);
                // Days taken out of the series, and its days in the school holidays when it skips them: exceptions (EXDATE).
                var excepted = Occurrences.ExceptedDays(e);
                var time = TimeOnly.FromDateTime(start);
                foreach (var day in Occurrences.Days(e).Where(d => excepted.Contains(d) || (e.SkipHolidays && Occurrences.InHolidays(d, holidays))))
                {
                    ev.ExceptionDates.Add(e.AllDay ? new CalDateTime(day) : new CalDateTime(day.ToDateTime(time), ParisTime.ZoneId, true));
                }
            }
            calendar.Events.Add(ev);
        }
        return new CalendarSerializer().SerializeToString(calendar) ?? "";
    }
}
