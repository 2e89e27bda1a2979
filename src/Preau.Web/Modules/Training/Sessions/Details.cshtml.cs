using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.Training.Data;
using Preau.Web.Platform.Auth;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.Training.Sessions;

public sealed record Registrant(Guid PersonId, string Name, bool? Attended);

/// <summary>
/// One session: its teachers register and unregister (until it starts); its advisors see who registered and record
/// attendance. Outside the circonscription: 404.
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class DetailsModel(TrainingBook book, TrainingActions actions, PreauDbContext db, TimeProvider time) : PageModel
{
    public TrainingSession Session { get; private set; } = null!;
    public string District { get; private set; } = "";
    public TrainingViewer Viewer { get; private set; } = null!;
    public bool Registered { get; private set; }
    public bool Started { get; private set; }
    public IReadOnlyList<Registrant> Registrants { get; private set; } = [];

    [TempData]
    public string? Notice { get; set; }

    [TempData]
    public string? Error { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostRegisterAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct) || !Viewer.CanRegister(Session.DistrictId))
        {
            return NotFound();
        }
        var result = await actions.RegisterAsync(id, Viewer.PersonId, ct);
        (Notice, Error) = result switch
        {
            RegistrationResult.Registered => ("Vous êtes inscrit·e à cette formation.", (string?)null),
            RegistrationResult.AlreadyRegistered => ("Vous étiez déjà inscrit·e.", null),
            RegistrationResult.Full => (null, "Il n'y a plus de place pour cette session."),
            _ => (null, "Les inscriptions sont closes."),
        };
        return Redirect($"/formations/{id}");
    }

    public async Task<IActionResult> OnPostUnregisterAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct) || !Viewer.CanRegister(Session.DistrictId))
        {
            return NotFound();
        }
        if (await actions.UnregisterAsync(id, Viewer.PersonId, ct))
        {
            Notice = "Votre inscription est annulée.";
        }
        else
        {
            Error = "Vous n'êtes pas inscrit·e, ou la session a commencé.";
        }
        return Redirect($"/formations/{id}");
    }

    public async Task<IActionResult> OnPostAttendanceAsync(Guid id, List<Guid> present, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct) || !Viewer.CanManage(Session.DistrictId))
        {
            return NotFound();
        }
        await actions.RecordAttendanceAsync(Viewer, id, present, ct);
        Notice = "Les présences sont enregistrées.";
        return Redirect($"/formations/{id}");
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var session = await db.TrainingSessions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct);
        Viewer = await book.ViewerAsync(ct);
        if (session is null || !Viewer.CanSee(session.DistrictId))
        {
            return false;
        }
        Session = session;
        Started = session.StartsAt <= time.GetUtcNow().UtcDateTime;
        District = await db.Districts.AsNoTracking().Where(d => d.Id == session.DistrictId).Select(d => d.Name).FirstAsync(ct);
        Registered = await db.TrainingRegistrations.AsNoTracking().AnyAsync(r => r.SessionId == id && r.PersonId == Viewer.PersonId, ct);
        if (Viewer.CanManage(session.DistrictId))
        {
            // Bounded by the session's seats (at most 1000): one query, no paging needed.
            Registrants = [.. (await (from r in db.TrainingRegistrations.AsNoTracking()
                                      where r.SessionId == id
                                      join p in db.Persons.AsNoTracking() on r.PersonId equals p.Id
                                      orderby p.LastName, p.FirstName
                                      select new { r.PersonId, p.FirstName, p.LastName, r.Attended }).ToListAsync(ct))
                .Select(x => new Registrant(x.PersonId, $"{x.LastName} {x.FirstName}", x.Attended))];
        }
        return true;
    }
}
