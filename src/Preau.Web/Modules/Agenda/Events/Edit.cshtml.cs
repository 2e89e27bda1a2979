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
                Weekly = ev.RepeatUntil is not null, RepeatUntil = ev.RepeatUntil, Frequency = EventInput.FrequencyOf(ev), SkipHolidays = ev.SkipHolidays,
            };
            Excepted = [.. Occurrences.ExceptedDays(ev).Order()];
            // Days changed on their own open their own event rather than offering « Rétablir ».
            Detached = ev.RepeatUntil is null ? new Dictionary<DateOnly, Guid>() : await db.AgendaEvents.AsNoTracking()
                .Where(x => x.SeriesId == ev.Id && x.SeriesDay != null).ToDictionaryAsync(x => x.SeriesDay!.Value, x => x.Id, ct);
            IsDetachedDay = ev.SeriesId is not null;
            // Opened from one occurrence of a series: that day can be taken out alone.
            if (ev.RepeatUntil is not null && DateOnly.TryParseExact(date, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var day)
                && !Excepted.Contains(day) && Occurrences.Days(ev).Contains(day))
            {
                OccurrenceDay = day;
            }
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
        var frequency = EventInput.Frequencies.FirstOrDefault(f => f.Value == Input.Frequency, EventInput.Frequencies[2]);
        ev.RepeatUntil = Input.Weekly ? Input.RepeatUntil : null;
        ev.RepeatUnit = Input.Weekly ? frequency.Unit : RepeatUnit.Week;
        ev.RepeatWeeks = Input.Weekly ? frequency.Weeks : 1;
        ev.SkipHolidays = Input.Weekly && Input.SkipHolidays;
        // Days taken out stay out while they are still days of the series; the others have no meaning any more.
        ev.ExceptDays = Input.Weekly ? Occurrences.FormatExceptions(Occurrences.ExceptedDays(ev).Intersect(Occurrences.Days(ev))) : null;
        ev.UpdatedAt = now;
        await db.SaveChangesAsync(ct);
        TempData["Notice"] = IsNew ? "L'événement est ajouté." : "L'événement est modifié.";
        return Redirect($"/agenda/{id}?vue=semaine&date={Input.Date:yyyy-MM-dd}");
    }

    /// <summary>The days taken out of the series, each with « Rétablir ».</summary>
    public IReadOnlyList<DateOnly> Excepted { get; private set; } = [];

    /// <summary>Days of the series changed on their own, with the event each became.</summary>
    public IReadOnlyDictionary<DateOnly, Guid> Detached { get; private set; } = new Dictionary<DateOnly, Guid>();

    /// <summary>This event is one day of a series changed on its own.</summary>
    public bool IsDetachedDay { get; private set; }

    /// <summary>The occurrence the page was opened from, which « Retirer ce jour seulement » takes out.</summary>
    public DateOnly? OccurrenceDay { get; private set; }

    /// <summary>Takes one day out of a series (the class's outing replaces the swimming that Tuesday), or puts it back.</summary>
    public async Task<IActionResult> OnPostExceptAsync(Guid id, Guid? eventId, string? day, bool restore, CancellationToken ct)
    {
        var e = await LoadAsync(id, eventId, ct);
        if (e?.Event is not { RepeatUntil: not null } ev)
        {
            return NotFound();
        }
        if (!DateOnly.TryParseExact(day, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var d)
            || !Occurrences.Days(ev).Contains(d))
        {
            return NotFound();
        }
        var excepted = Occurrences.ExceptedDays(ev);
        if (!restore && !excepted.Contains(d) && excepted.Count >= Occurrences.MaxExceptions)
        {
            return await TooManyExceptionsAsync(id, eventId, ct);
        }
        if (restore)
        {
            excepted.Remove(d);
            // Back to the series' own time and place: the day changed on its own goes.
            await db.AgendaEvents.Where(x => x.SeriesId == ev.Id && x.SeriesDay == d).ExecuteDeleteAsync(ct);
        }
        else
        {
            excepted.Add(d);
        }
        ev.ExceptDays = Occurrences.FormatExceptions(excepted);
        ev.UpdatedAt = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        var label = ParisTime.DayWithYear(d);
        TempData["Notice"] = restore ? $"L'événement a de nouveau lieu le {label}." : $"L'événement n'a plus lieu le {label} ; le reste de la série ne change pas.";
        return Redirect($"/agenda/{id}?vue=semaine&date={d:yyyy-MM-dd}");
    }

    /// <summary>
    /// « Modifier ce jour seulement »: the day leaves the series and becomes an event of its own, with the series' title,
    /// place, description and hours, which the page then opens to change (the swimming at 10 h that Tuesday, in another
    /// pool). The series lists the day among its exceptions and deletes it with itself.
    /// </summary>
    public async Task<IActionResult> OnPostDetachAsync(Guid id, Guid? eventId, string? day, CancellationToken ct)
    {
        var e = await LoadAsync(id, eventId, ct);
        if (e?.Event is not { RepeatUntil: not null } ev)
        {
            return NotFound();
        }
        var excepted = Occurrences.ExceptedDays(ev);
        if (!DateOnly.TryParseExact(day, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var d)
            || !Occurrences.Days(ev).Contains(d) || excepted.Contains(d))
        {
            return NotFound();
        }
        if (excepted.Count >= Occurrences.MaxExceptions)
        {
            return await TooManyExceptionsAsync(id, eventId, ct);
        }
        // The same Paris hours (or the same number of days) on that day, whatever the clock change in between.
        var first = DateOnly.FromDateTime(Platform.Time.ParisDate.ToParis(ev.StartsAt));
        var shift = d.DayNumber - first.DayNumber;
        var now = time.GetUtcNow().UtcDateTime;
        var single = new AgendaEvent
        {
            AgendaId = id, Title = ev.Title, Place = ev.Place, Description = ev.Description, AllDay = ev.AllDay,
            StartsAt = Platform.Time.ParisDate.ToUtc(Platform.Time.ParisDate.ToParis(ev.StartsAt).AddDays(shift)),
            EndsAt = Platform.Time.ParisDate.ToUtc(Platform.Time.ParisDate.ToParis(ev.EndsAt).AddDays(shift)),
            SeriesId = ev.Id, SeriesDay = d, AuthorId = e.Value.PersonId, CreatedAt = now, UpdatedAt = now,
        };
        db.AgendaEvents.Add(single);
        excepted.Add(d);
        ev.ExceptDays = Occurrences.FormatExceptions(excepted);
        ev.UpdatedAt = now;
        await db.SaveChangesAsync(ct);
        TempData["Notice"] = $"Le {ParisTime.DayWithYear(d)} est maintenant un événement à part : changez son heure, son lieu ou sa description ; le reste de la série ne change pas.";
        return Redirect($"/agenda/{id}/evenement/{single.Id}");
    }

    private async Task<IActionResult> TooManyExceptionsAsync(Guid id, Guid? eventId, CancellationToken ct)
    {
        ModelState.Clear();
        await OnGetAsync(id, eventId, null, ct);
        ModelState.AddModelError("day", $"Une série peut laisser de côté {Occurrences.MaxExceptions} jours au plus : raccourcissez-la ou créez-en une autre.");
        return Page();
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
        // The days of the series changed on their own go with it.
        await db.AgendaEvents.Where(x => x.SeriesId == ev.Id).ExecuteDeleteAsync(ct);
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
        if (Input.Weekly && EventInput.Frequencies.All(f => f.Value != Input.Frequency))
        {
            ModelState.AddModelError("Input.Frequency", "Choisissez une fréquence dans la liste.");
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
