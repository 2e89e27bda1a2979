using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Preau.Web.Platform.Auth;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.Agenda.Import;

/// <summary>Imports an .ics file into an agenda the person may edit; an event already imported (same UID) is updated, not doubled.</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class ImportModel(AccessContext context, AgendaDirectory directory, PreauDbContext db, TimeProvider time) : PageModel
{
    internal AgendaInfo Agenda { get; private set; } = null!;
    public string? Error { get; private set; }
    public List<string> Skipped { get; private set; } = [];
    public int? Imported { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid id, IFormFile? file, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }
        if (file is null || file.Length == 0)
        {
            Error = "Choisissez un fichier .ics.";
            return Page();
        }
        if (file.Length > IcsImporter.MaxBytes)
        {
            Error = "Le fichier dépasse 1 Mo : importez une période plus courte.";
            return Page();
        }
        string text;
        using (var reader = new StreamReader(file.OpenReadStream(), Encoding.UTF8))
        {
            text = await reader.ReadToEndAsync(ct);
        }
        var result = IcsImporter.Read(text);
        if (result.Error is not null)
        {
            Error = result.Error;
            return Page();
        }
        var access = await context.GetAsync(ct);
        var now = time.GetUtcNow().UtcDateTime;
        var uids = result.Events.Where(e => e.ImportUid != null).Select(e => e.ImportUid).ToList();
        var existing = await db.AgendaEvents.Where(e => e.AgendaId == id && e.ImportUid != null && uids.Contains(e.ImportUid)).ToListAsync(ct);
        // Days of these series changed on their own in Préau stay out of them, whatever the file says.
        var existingIds = existing.Select(e => (Guid?)e.Id).ToList();
        var changedDays = (await db.AgendaEvents.AsNoTracking().Where(e => existingIds.Contains(e.SeriesId) && e.SeriesDay != null)
            .Select(e => new { e.SeriesId, e.SeriesDay }).ToListAsync(ct)).ToLookup(e => e.SeriesId!.Value, e => e.SeriesDay!.Value);
        foreach (var e in result.Events)
        {
            var same = e.ImportUid is null ? null : existing.FirstOrDefault(x => x.ImportUid == e.ImportUid);
            if (same is null)
            {
                e.AgendaId = id;
                e.AuthorId = access.PersonId;
                e.CreatedAt = now;
                e.UpdatedAt = now;
                db.AgendaEvents.Add(e);
            }
            else
            {
                (same.Title, same.Place, same.Description, same.AllDay, same.StartsAt, same.EndsAt, same.RepeatUntil, same.UpdatedAt) =
                    (e.Title, e.Place, e.Description, e.AllDay, e.StartsAt, e.EndsAt, e.RepeatUntil, now);
                // The rhythm and the days left out change with the file too.
                (same.RepeatUnit, same.RepeatWeeks, same.SeriesDay) = (e.RepeatUnit, e.RepeatWeeks, e.SeriesDay);
                same.ExceptDays = e.RepeatUntil is null ? null : Occurrences.FormatExceptions(Occurrences.ExceptedDays(e).Concat(changedDays[same.Id]));
            }
        }
        // A day changed on its own belongs to its series (new or updated above): deleted with it, listed by it.
        var series = result.Events.Where(e => e.RepeatUntil is not null && e.ImportUid is not null)
            .Select(e => existing.FirstOrDefault(x => x.ImportUid == e.ImportUid) ?? e).DistinctBy(e => e.ImportUid).ToDictionary(e => e.ImportUid!);
        foreach (var e in result.Events.Where(e => e.SeriesDay is not null))
        {
            var saved = existing.FirstOrDefault(x => x.ImportUid == e.ImportUid) ?? e;
            saved.SeriesId = series.TryGetValue(IcsImporter.SeriesUid(e.ImportUid!), out var s) ? s.Id : null;
        }
        await db.SaveChangesAsync(ct);
        Imported = result.Events.Count;
        Skipped = result.Skipped;
        return Page();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var agenda = await directory.FindAsync(await context.GetAsync(ct), id, ct);
        if (agenda is null || !agenda.CanEdit)
        {
            return false;
        }
        Agenda = agenda;
        return true;
    }
}
