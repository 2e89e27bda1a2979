using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.Agenda.Data;
using Preau.Web.Platform.Auth;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.Agenda.Views;

/// <summary>
/// The week or month view of one or several agendas the person may read (overlay by checkboxes in the URL).
/// With an agenda id, the page is that agenda's: its new-event and import links, and the person's private
/// subscription link to it.
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class IndexModel(AccessContext context, AgendaDirectory directory, AgendaQueries queries, PreauDbContext db, TimeProvider time) : PageModel
{
    internal IReadOnlyList<AgendaInfo> Readable { get; private set; } = [];
    internal IReadOnlyList<AgendaInfo> Shown { get; private set; } = [];
    internal AgendaInfo? Current { get; private set; }
    internal List<Occurrence> Items { get; private set; } = [];
    internal List<HolidayPeriod> Holidays { get; private set; } = [];
    public bool Month { get; private set; }
    public DateOnly Date { get; private set; }
    public DateOnly From { get; private set; }
    public DateOnly To { get; private set; }
    public DateOnly Today { get; private set; }
    public string Zone { get; private set; } = "A";
    public DateTime? FeedCreatedAt { get; private set; }

    [TempData]
    public string? Notice { get; set; }

    [TempData]
    public string? FeedUrl { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid? id, string? vue, string? date, Guid[]? a, CancellationToken ct)
    {
        var access = await context.GetAsync(ct);
        Readable = await directory.ListAsync(access, ct);
        if (id is not null)
        {
            Current = Readable.FirstOrDefault(x => x.Id == id);
            if (Current is null)
            {
                return NotFound();
            }
        }
        var chosen = (a ?? []).ToHashSet();
        Shown = chosen.Count > 0 ? [.. Readable.Where(x => chosen.Contains(x.Id) || x.Id == id)]
            : Current is not null ? [Current] : Readable;
        Today = Platform.Time.ParisDate.Today(time);
        Month = vue == "mois";
        Date = DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : Today;
        if (Month)
        {
            From = new DateOnly(Date.Year, Date.Month, 1);
            To = From.AddMonths(1);
        }
        else
        {
            From = Date.AddDays(-(((int)Date.DayOfWeek + 6) % 7));
            To = From.AddDays(7);
        }
        var events = await queries.EventsAsync([.. Shown.Select(x => x.Id)], From, To, ct);
        Items = Occurrences.Expand(events, From, To, events.Any(e => e.SkipHolidays) ? (await queries.HolidayCalendarAsync(ct)).Periods : null);
        Zone = await queries.ZoneAsync(ct);
        Holidays = await queries.HolidaysAsync(From, To, ct);
        if (Current is not null)
        {
            FeedCreatedAt = await db.AgendaFeedTokens.AsNoTracking().Where(t => t.PersonId == access.PersonId && t.AgendaId == Current.Id)
                .Select(t => (DateTime?)t.CreatedAt).FirstOrDefaultAsync(ct);
        }
        return Page();
    }

    internal AgendaInfo AgendaOf(Occurrence o) => Shown.First(x => x.Id == o.Event.AgendaId);

    public string Link(DateOnly date, bool? month = null)
    {
        var ids = Current is null && Shown.Count == Readable.Count ? "" : string.Concat(Shown.Where(x => x.Id != Current?.Id).Select(x => "&a=" + x.Id));
        var path = Current is null ? "/agenda" : $"/agenda/{Current.Id}";
        return $"{path}?vue={((month ?? Month) ? "mois" : "semaine")}&date={date:yyyy-MM-dd}{ids}";
    }

    /// <summary>Creates (or replaces) the person's private link to this agenda and shows it once.</summary>
    public async Task<IActionResult> OnPostFeedAsync(Guid id, CancellationToken ct)
    {
        var access = await context.GetAsync(ct);
        if (await directory.FindAsync(access, id, ct) is null)
        {
            return NotFound();
        }
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var existing = await db.AgendaFeedTokens.FirstOrDefaultAsync(t => t.PersonId == access.PersonId && t.AgendaId == id, ct);
        if (existing is not null)
        {
            db.AgendaFeedTokens.Remove(existing);
        }
        db.AgendaFeedTokens.Add(new FeedToken { PersonId = access.PersonId, AgendaId = id, TokenHash = Feeds.IcsFeed.Hash(token), CreatedAt = time.GetUtcNow().UtcDateTime });
        await db.SaveChangesAsync(ct);
        FeedUrl = $"{Request.Scheme}://{Request.Host}{Feeds.IcsFeed.PathPrefix}{token}.ics";
        Notice = existing is null ? "Votre lien d'abonnement est créé." : "Un nouveau lien remplace l'ancien, qui ne fonctionne plus.";
        return Redirect($"/agenda/{id}#abonnement");
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid id, CancellationToken ct)
    {
        var access = await context.GetAsync(ct);
        if (await directory.FindAsync(access, id, ct) is null)
        {
            return NotFound();
        }
        await db.AgendaFeedTokens.Where(t => t.PersonId == access.PersonId && t.AgendaId == id).ExecuteDeleteAsync(ct);
        Notice = "Votre lien d'abonnement est révoqué : il ne fonctionne plus.";
        return Redirect($"/agenda/{id}#abonnement");
    }
}
