using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.Notifications.Contracts;
using Preau.Web.Modules.People.Data;
using Preau.Web.Platform.Audit;
using Preau.Web.Platform.Auth;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.People.ClassPartners;

/// <summary>
/// Partners invited into a class (ADR 0037): the class's teachers and the director invite a partner account of the
/// territory (a sports educator, the library, an association) for a period within the school year. Between those dates
/// the partner finds the class on their home page, reads its blog, albums, agenda and documents, takes part in its
/// forum and writes to its teachers; on the day after the end, all of it closes by itself.
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class PartnersModel(PreauDbContext db, ScopeAccess scopes, AccessContext context, TimeProvider time, INotifier notifier,
    AuditTrail audit, ILogger<PartnersModel> logger) : PageModel
{
    public const int SearchSize = 20;

    public sealed record Invited(Guid MembershipId, Guid PersonId, string Name, DateOnly? StartsOn, DateOnly? EndsOn);
    public sealed record Found(Guid PersonId, string Name);

    public sealed class InviteInput
    {
        public Guid? PersonId { get; set; }
        public DateOnly? StartsOn { get; set; }
        public DateOnly? EndsOn { get; set; }
    }

    public Guid Id { get; private set; }
    public string ClassName { get; private set; } = "";
    public Guid SchoolId { get; private set; }
    public string SchoolName { get; private set; } = "";
    public DateOnly Today { get; private set; }
    public DateOnly YearEndsOn { get; private set; }
    public IReadOnlyList<Invited> Current { get; private set; } = [];
    public IReadOnlyList<Invited> Upcoming { get; private set; } = [];
    public IReadOnlyList<Invited> Ended { get; private set; } = [];
    public IReadOnlyList<Found> Results { get; private set; } = [];

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty]
    public InviteInput Invite { get; set; } = new();

    [TempData]
    public string? Notice { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostInviteAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }
        var partner = Invite.PersonId is { } personId ? await Partners().Where(p => p.Id == personId).Select(p => new { p.Id, p.FirstName, p.LastName }).FirstOrDefaultAsync(ct) : null;
        if (partner is null)
        {
            ModelState.AddModelError("Invite.PersonId", "Choisissez un partenaire dans la liste.");
        }
        var startsOn = Invite.StartsOn ?? Today;
        if (DatesError(startsOn, Invite.EndsOn) is { } error)
        {
            ModelState.AddModelError(Invite.EndsOn is null ? "Invite.EndsOn" : "Invite.StartsOn", error);
        }
        if (partner is not null && Invite.EndsOn is { } wanted && await AccountEndAsync(partner.Id, ct) is { } accountEnd && wanted > accountEnd)
        {
            ModelState.AddModelError("Invite.EndsOn", $"Le compte de ce partenaire se termine le {accountEnd:dd/MM/yyyy} : l'invitation ne peut pas aller au-delà.");
        }
        if (partner is not null && Current.Concat(Upcoming).Any(i => i.PersonId == partner.Id))
        {
            ModelState.AddModelError("Invite.PersonId", "Ce partenaire est déjà invité dans la classe : changez plutôt la date de fin de son invitation.");
        }
        if (!ModelState.IsValid || partner is null)
        {
            return Page();
        }
        var a = await context.GetAsync(ct);
        var yearId = await db.Classes.Where(c => c.Id == id).Select(c => c.SchoolYearId).FirstAsync(ct);
        db.Memberships.Add(new Membership
        {
            PersonId = partner.Id, Role = Role.Partner, ScopeType = ScopeType.Class, ScopeId = id, SchoolYearId = yearId,
            StartsOn = startsOn, EndsOn = Invite.EndsOn, Source = RecordSource.Manual,
        });
        audit.Add(a.PersonId, "class.partner.invite", "Class", id, $"{partner.Id} {startsOn:yyyy-MM-dd}..{Invite.EndsOn:yyyy-MM-dd}");
        notifier.Enqueue([partner.Id], NotificationKind.Group,
            $"Invitation dans la classe {ClassName} ({SchoolName}) du {startsOn:dd/MM/yyyy} au {Invite.EndsOn:dd/MM/yyyy}", "/");
        // Saving a membership moves the access stamp: the partner's access is built again at their next page.
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Partner {PersonId} invited into class {ClassId} by {By} until {EndsOn}", partner.Id, id, a.PersonId, Invite.EndsOn);
        Notice = $"{partner.FirstName} {partner.LastName} est invité(e) dans la classe du {startsOn:dd/MM/yyyy} au {Invite.EndsOn:dd/MM/yyyy}.";
        return RedirectToPage(new { id });
    }

    /// <summary>Moves the end of an invitation, earlier or later, within the school year.</summary>
    public async Task<IActionResult> OnPostEndsOnAsync(Guid id, Guid membershipId, DateOnly? endsOn, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }
        var invited = Current.Concat(Upcoming).FirstOrDefault(i => i.MembershipId == membershipId);
        if (invited is null)
        {
            return NotFound();
        }
        if (DatesError(invited.StartsOn ?? Today, endsOn) is { } error)
        {
            ModelState.AddModelError($"endsOn-{membershipId}", error);
            return Page();
        }
        if (await AccountEndAsync(invited.PersonId, ct) is { } accountEnd && endsOn > accountEnd)
        {
            ModelState.AddModelError($"endsOn-{membershipId}", $"Le compte de ce partenaire se termine le {accountEnd:dd/MM/yyyy} : l'invitation ne peut pas aller au-delà.");
            return Page();
        }
        await db.Memberships.Where(m => m.Id == membershipId).ExecuteUpdateAsync(s => s.SetProperty(m => m.EndsOn, endsOn), ct);
        await AccessStamp.BumpAsync(db, ct);
        var a = await context.GetAsync(ct);
        audit.Add(a.PersonId, "class.partner.ends", "Class", id, $"{invited.PersonId} ..{endsOn:yyyy-MM-dd}");
        notifier.Enqueue([invited.PersonId], NotificationKind.Group, $"Votre invitation dans la classe {ClassName} ({SchoolName}) se termine désormais le {endsOn:dd/MM/yyyy}", "/");
        await db.SaveChangesAsync(ct);
        Notice = $"L'invitation de {invited.Name} se termine désormais le {endsOn:dd/MM/yyyy}.";
        return RedirectToPage(new { id });
    }

    /// <summary>
    /// Ends an invitation now: the partner loses the class at once. A current invitation ends yesterday and stays in the
    /// page's history; one that had not started yet is simply withdrawn.
    /// </summary>
    public async Task<IActionResult> OnPostEndAsync(Guid id, Guid membershipId, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }
        var invited = Current.Concat(Upcoming).FirstOrDefault(i => i.MembershipId == membershipId);
        if (invited is null)
        {
            return NotFound();
        }
        var yesterday = Today.AddDays(-1);
        var stillPast = invited.StartsOn is null || invited.StartsOn <= yesterday;
        var mine = db.Memberships.Where(m => m.Id == membershipId);
        _ = stillPast
            ? await mine.ExecuteUpdateAsync(s => s.SetProperty(m => m.EndsOn, yesterday), ct)
            : await mine.ExecuteDeleteAsync(ct);
        await AccessStamp.BumpAsync(db, ct);
        var a = await context.GetAsync(ct);
        audit.Add(a.PersonId, "class.partner.end", "Class", id, invited.PersonId.ToString());
        notifier.Enqueue([invited.PersonId], NotificationKind.Group, $"Votre invitation dans la classe {ClassName} ({SchoolName}) a pris fin", "/notifications");
        await db.SaveChangesAsync(ct);
        Notice = $"{invited.Name} n'a plus accès à la classe.";
        return RedirectToPage(new { id });
    }

    private string? DatesError(DateOnly startsOn, DateOnly? endsOn)
    {
        if (endsOn is not { } end)
        {
            return "Indiquez la date de fin de l'intervention : un partenaire est toujours invité pour une période limitée.";
        }
        if (end < Today)
        {
            return "La date de fin est déjà passée.";
        }
        if (end < startsOn)
        {
            return "La date de fin précède la date de début.";
        }
        if (end > YearEndsOn)
        {
            return $"Une invitation ne dépasse pas la fin de l'année scolaire, le {YearEndsOn:dd/MM/yyyy}.";
        }
        return null;
    }

    /// <summary>The end of the partner's account set by the administration (« Fin de l'accès »), if any: no invitation outlasts it.</summary>
    private Task<DateOnly?> AccountEndAsync(Guid personId, CancellationToken ct) =>
        db.Memberships.Where(m => m.PersonId == personId && m.Role == Role.Partner && m.ScopeType == ScopeType.Territory && m.EndsOn != null)
            .MaxAsync(m => m.EndsOn, ct);

    /// <summary>The partner accounts of the territory: a partner role that has not ended, on an account still open.</summary>
    private IQueryable<Person> Partners()
    {
        var today = Today;
        var ids = db.Memberships.Where(m => m.Role == Role.Partner && (m.EndsOn == null || m.EndsOn >= today)).Select(m => m.PersonId);
        return db.Persons.AsNoTracking().Where(p => !p.IsArchived && ids.Contains(p.Id) && db.Users.Any(u => u.Id == p.Id));
    }

    /// <summary>The class, the invitations and the search; false when the person may not manage the class (answer 404).</summary>
    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        if (!await scopes.CanManageClassAsync(id, ct))
        {
            return false;
        }
        var cls = await (from c in db.Classes.AsNoTracking()
                         where c.Id == id
                         join s in db.Schools.AsNoTracking() on c.SchoolId equals s.Id
                         join y in db.SchoolYears.AsNoTracking() on c.SchoolYearId equals y.Id
                         select new { c.Name, c.SchoolId, School = s.Name, y.EndsOn }).FirstOrDefaultAsync(ct);
        if (cls is null)
        {
            return false;
        }
        Id = id;
        ClassName = cls.Name;
        SchoolId = cls.SchoolId;
        SchoolName = cls.School;
        YearEndsOn = cls.EndsOn;
        Today = Platform.Time.ParisDate.Today(time);
        var today = Today;
        var recently = today.AddDays(-60);
        var invited = await (from m in db.Memberships.AsNoTracking()
                             where m.Role == Role.Partner && m.ScopeType == ScopeType.Class && m.ScopeId == id && (m.EndsOn == null || m.EndsOn >= recently)
                             join p in db.Persons.AsNoTracking() on m.PersonId equals p.Id
                             orderby m.EndsOn, p.LastName, p.FirstName
                             select new Invited(m.Id, p.Id, p.FirstName + " " + p.LastName, m.StartsOn, m.EndsOn)).ToListAsync(ct);
        Upcoming = [.. invited.Where(i => i.StartsOn > today && !(i.EndsOn < today))];
        Ended = [.. invited.Where(i => i.EndsOn < today)];
        Current = [.. invited.Except(Upcoming).Except(Ended)];
        if (Q is { } q && q.Trim().Length >= 2)
        {
            var busy = Current.Concat(Upcoming).Select(i => i.PersonId).ToList();
            var pattern = SearchFold.Pattern(q);
            Results = await Partners().Where(p => !busy.Contains(p.Id) && EF.Functions.Like(SearchFold.Folded(p.SearchName), pattern))
                .OrderBy(p => p.LastName).ThenBy(p => p.FirstName).Take(SearchSize)
                .Select(p => new Found(p.Id, p.FirstName + " " + p.LastName)).ToListAsync(ct);
        }
        return true;
    }
}
