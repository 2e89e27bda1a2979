using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.Agenda.Data;
using Preau.Web.Platform.Auth;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.Agenda.Events;

/// <summary>Creates an event, or edits or deletes one (the whole series for a weekly event), in an agenda the person may edit.</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class EditModel(AccessContext context, AgendaDirectory directory, PreauDbContext db, TimeProvider time) : PageModel
{
    [BindProperty]
    public EventInput Input { get; set; } = new();

    internal AgendaInfo Agenda { get; private set; } = null!;
    public bool IsNew { get; private set; } = true;

    public async Task<IActionResult> OnGetAsync(Guid id, Guid? eventId, string? date, CancellationToken ct)
    {
        var e = await LoadAsync(id, eventId, ct);
        if (e is null)
        {
            return NotFound();
        }
        if (e.Value.Event is { } ev)
        {
            var start = Platform.Time.ParisDate.ToParis(ev.StartsAt);
            var end = Platform.Time.ParisDate.ToParis(ev.EndsAt);
            Input = new EventInput
            {
                Title = ev.Title, Place = ev.Place, Description = ev.Description, AllDay = ev.AllDay,
                Date = DateOnly.FromDateTime(start), StartTime = ev.AllDay ? null : TimeOnly.FromDateTime(start),
                EndTime = ev.AllDay ? null : TimeOnly.FromDateTime(end),
                EndDate = ev.AllDay && end.Date.AddDays(-1) > start.Date ? DateOnly.FromDateTime(end.AddDays(-1)) : null,
                Weekly = ev.RepeatUntil is not null, RepeatUntil = ev.RepeatUntil, EveryWeeks = ev.RepeatWeeks, SkipHolidays = ev.SkipHolidays,
            };
        }
        else
        {
            Input.Date = DateOnly.TryParse(date, System.Globalization.CultureInfo.InvariantCulture, out var d) ? d : Platform.Time.ParisDate.Today(time);
            Input.StartTime = new TimeOnly(9, 0);
            Input.EndTime = new TimeOnly(10, 0);
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, Guid? eventId, CancellationToken ct)
    {
        var e = await LoadAsync(id, eventId, ct);
        if (e is null)
        {
            return NotFound();
        }
        var range = Validate();
        if (!ModelState.IsValid || range is null)
        {
            return Page();
        }
        var now = time.GetUtcNow().UtcDateTime;
        var ev = e.Value.Event ?? db.AgendaEvents.Add(new AgendaEvent { Title = "", AgendaId = id, AuthorId = e.Value.PersonId, CreatedAt = now }).Entity;
        ev.Title = Input.Title.Trim();
        ev.Place = string.IsNullOrWhiteSpace(Input.Place) ? null : Input.Place.Trim();
        ev.Description = string.IsNullOrWhiteSpace(Input.Description) ? null : Input.Description.Trim();
        ev.AllDay = Input.AllDay;
        (ev.StartsAt, ev.EndsAt) = range.Value;
        ev.RepeatUntil = Input.Weekly ? Input.RepeatUntil : null;
        ev.RepeatWeeks = Input.Weekly ? Input.EveryWeeks : 1;
        ev.SkipHolidays = Input.Weekly && Input.SkipHolidays;
        ev.UpdatedAt = now;
        await db.SaveChangesAsync(ct);
        TempData["Notice"] = IsNew ? "L'événement est ajouté." : "L'événement est modifié.";
        return Redirect($"/agenda/{id}?vue=semaine&date={Input.Date:yyyy-MM-dd}");
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid id, Guid? eventId, bool confirm, CancellationToken ct)
    {
        var e = await LoadAsync(id, eventId, ct);
        if (e?.Event is not { } ev)
        {
            return NotFound();
        }
        if (!confirm)
        {
            ModelState.Clear();
            await OnGetAsync(id, eventId, null, ct);
            ModelState.AddModelError("confirm", "Cochez la case pour confirmer la suppression.");
            return Page();
        }
        db.AgendaEvents.Remove(ev);
        await db.SaveChangesAsync(ct);
        TempData["Notice"] = "L'événement est supprimé.";
        return Redirect($"/agenda/{id}");
    }

    private (DateTime Start, DateTime End)? Validate()
    {
        if (Input.Date is not { } date)
        {
            return null;
        }
        if (Input.Weekly)
        {
            if (Input.RepeatUntil is not { } until)
            {
                ModelState.AddModelError("Input.RepeatUntil", "Indiquez jusqu'à quand l'événement se répète.");
            }
            else if (until < date || until > date.AddYears(2))
            {
                ModelState.AddModelError("Input.RepeatUntil", "La fin de la répétition doit suivre la date de l'événement, dans les deux ans.");
            }
        }
        if (Input.AllDay)
        {
            var last = Input.EndDate ?? date;
            if (last < date)
            {
                ModelState.AddModelError("Input.EndDate", "Le dernier jour ne peut pas précéder le premier.");
                return null;
            }
            return (Platform.Time.ParisDate.StartUtc(date), Platform.Time.ParisDate.StartUtc(last.AddDays(1)));
        }
        if (Input.StartTime is not { } s || Input.EndTime is not { } en)
        {
            ModelState.AddModelError("Input.StartTime", "Indiquez l'heure de début et l'heure de fin, ou cochez « Toute la journée ».");
            return null;
        }
        if (en <= s)
        {
            ModelState.AddModelError("Input.EndTime", "L'heure de fin doit suivre l'heure de début.");
            return null;
        }
        return (Platform.Time.ParisDate.ToUtc(date.ToDateTime(s)), Platform.Time.ParisDate.ToUtc(date.ToDateTime(en)));
    }

    private async Task<(AgendaEvent? Event, Guid PersonId)?> LoadAsync(Guid id, Guid? eventId, CancellationToken ct)
    {
        var access = await context.GetAsync(ct);
        var agenda = await directory.FindAsync(access, id, ct);
        if (agenda is null || !agenda.CanEdit)
        {
            return null;
        }
        Agenda = agenda;
        if (eventId is null)
        {
            return (null, access.PersonId);
        }
        var ev = await db.AgendaEvents.FirstOrDefaultAsync(x => x.Id == eventId && x.AgendaId == id, ct);
        if (ev is null)
        {
            return null;
        }
        IsNew = false;
        return (ev, access.PersonId);
    }
}
