using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.Home.Contracts;
using Preau.Web.Modules.Notifications.Contracts;
using Preau.Web.Modules.People.Data;
using Preau.Web.Platform.Audit;
using Preau.Web.Platform.Auth;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.People.ClassPartners;

/// <summary>
/// Partners invited into a class (ADR 0037): the class's teachers and the director invite a partner account of the
/// territory (a sports educator, the library, an association) for a period within the school year, and choose what the
/// invitation opens (ADR 0039): the class's blog, agenda, albums, documents or forum. Between those dates the partner
/// finds the class on their home page with those services and writes to its teachers; on the day after the end, all of
/// it closes by itself.
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class PartnersModel(PreauDbContext db, ScopeAccess scopes, AccessContext context, TimeProvider time, INotifier notifier,
    AuditTrail audit, ILogger<PartnersModel> logger) : PageModel
{
    public const int SearchSize = 20;

    public sealed record Invited(Guid MembershipId, Guid PersonId, string Name, DateOnly? StartsOn, DateOnly? EndsOn, IReadOnlyList<string> Services);

    /// <summary>What each service opens to a partner, as the page says it to the teacher choosing.</summary>
    public static readonly IReadOnlyList<(string Key, string Name, string Hint)> Choices =
    [
        (ServiceKeys.Blog, "Blog", "lire le blog et proposer des articles, publiés après votre validation"),
        (ServiceKeys.Agenda, "Agenda", "lire l'agenda de la classe"),
        (ServiceKeys.Albums, "Albums photos", "voir les albums, sans les photos des élèves non autorisés"),
        (ServiceKeys.Documents, "Documents", "lire les documents de la classe"),
        (ServiceKeys.Forum, "Forum", "participer au forum de la classe"),
    ];
    public sealed record Found(Guid PersonId, string Name);

    public sealed class InviteInput
    {
        public Guid? PersonId { get; set; }
        public DateOnly? StartsOn { get; set; }
        public DateOnly? EndsOn { get; set; }
        /// <summary>
        /// The services the invitation opens (<see cref="ServiceKeys.PartnerServices"/>). Empty until posted (the form
        /// proposes them all): a list posted with no box ticked must stay empty, not fall back on a default.
        /// </summary>
        public List<string> Services { get; set; } = [];
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
        var services = Canonical(Invite.Services);
        if (services.Count == 0)
        {
            ModelState.AddModelError("Invite.Services", "Choisissez au moins un service de la classe à ouvrir au partenaire.");
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
            StartsOn = startsOn, EndsOn = Invite.EndsOn, Source = RecordSource.Manual, GuestServices = string.Join(',', services),
        });
        audit.Add(a.PersonId, "class.partner.invite", "Class", id, $"{partner.Id} {startsOn:yyyy-MM-dd}..{Invite.EndsOn:yyyy-MM-dd} {string.Join(',', services)}");
        notifier.Enqueue([partner.Id], NotificationKind.Group,
            $"Invitation dans la classe {ClassName} ({SchoolName}) du {startsOn:dd/MM/yyyy} au {Invite.EndsOn:dd/MM/yyyy} : {NamesOf(services)}", "/");
        // Saving a membership moves the access stamp: the partner's access is built again at their next page.
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Partner {PersonId} invited into class {ClassId} by {By} until {EndsOn}", partner.Id, id, a.PersonId, Invite.EndsOn);
        Notice = $"{partner.FirstName} {partner.LastName} est invité(e) dans la classe du {startsOn:dd/MM/yyyy} au {Invite.EndsOn:dd/MM/yyyy}.";
        return RedirectToPage(new { id });
    }

    /// <summary>Moves the end of an invitation, earlier or later, within the school year.</summary>
    public async Task<IActionResult> OnPostEndsOnAsync(Guid id, Guid membershipId, DateOnly? endsOn, CancellationToken ct)
    {
        if (await InvitationAsync(id, membershipId, ct) is not { } invited)
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
        return await ChangedAsync(id, invited, "class.partner.ends", $"{invited.PersonId} ..{endsOn:yyyy-MM-dd}",
            $"Votre invitation dans la classe {ClassName} ({SchoolName}) se termine désormais le {endsOn:dd/MM/yyyy}", "/",
            $"L'invitation de {invited.Name} se termine désormais le {endsOn:dd/MM/yyyy}.", ct);
    }

    /// <summary>Changes what an invitation opens; the partner finds it at their next page.</summary>
    public async Task<IActionResult> OnPostServicesAsync(Guid id, Guid membershipId, List<string>? services, CancellationToken ct)
    {
        if (await InvitationAsync(id, membershipId, ct) is not { } invited)
        {
            return NotFound();
        }
        var chosen = Canonical(services ?? []);
        if (chosen.Count == 0)
        {
            ModelState.AddModelError($"services-{membershipId}", $"Choisissez au moins un service à ouvrir à {invited.Name}, ou mettez fin à l'invitation.");
            return Page();
        }
        var stored = string.Join(',', chosen);
        await db.Memberships.Where(m => m.Id == membershipId).ExecuteUpdateAsync(s => s.SetProperty(m => m.GuestServices, stored), ct);
        return await ChangedAsync(id, invited, "class.partner.services", $"{invited.PersonId} {stored}",
            $"Dans la classe {ClassName} ({SchoolName}), votre invitation ouvre désormais : {NamesOf(chosen)}", "/",
            $"L'invitation de {invited.Name} ouvre désormais : {NamesOf(chosen)}.", ct);
    }

    /// <summary>The known services among those posted, in the page's order; anything else posted is ignored.</summary>
    private static List<string> Canonical(IEnumerable<string> posted)
    {
        var set = posted.ToHashSet(StringComparer.Ordinal);
        return [.. ServiceKeys.PartnerServices.Where(set.Contains)];
    }

    private static string NamesOf(IEnumerable<string> services) =>
        string.Join(", ", Choices.Where(c => services.Contains(c.Key)).Select(c => c.Name.ToLowerInvariant()));

    /// <summary>
    /// Ends an invitation now: the partner loses the class at once. A current invitation ends yesterday and stays in the
    /// page's history; one that had not started yet is simply withdrawn.
    /// </summary>
    public async Task<IActionResult> OnPostEndAsync(Guid id, Guid membershipId, CancellationToken ct)
    {
        if (await InvitationAsync(id, membershipId, ct) is not { } invited)
        {
            return NotFound();
        }
        var yesterday = Today.AddDays(-1);
        var stillPast = invited.StartsOn is null || invited.StartsOn <= yesterday;
        var mine = db.Memberships.Where(m => m.Id == membershipId);
        _ = stillPast
            ? await mine.ExecuteUpdateAsync(s => s.SetProperty(m => m.EndsOn, yesterday), ct)
            : await mine.ExecuteDeleteAsync(ct);
        return await ChangedAsync(id, invited, "class.partner.end", invited.PersonId.ToString(),
            $"Votre invitation dans la classe {ClassName} ({SchoolName}) a pris fin", "/notifications",
            $"{invited.Name} n'a plus accès à la classe.", ct);
    }

    /// <summary>After an invitation changed in the database: the access stamp moves, the audit trail keeps it, the partner is told.</summary>
    private async Task<IActionResult> ChangedAsync(Guid id, Invited invited, string action, string detail, string toPartner, string url, string notice, CancellationToken ct)
    {
        await AccessStamp.BumpAsync(db, ct);
        var a = await context.GetAsync(ct);
        audit.Add(a.PersonId, action, "Class", id, detail);
        notifier.Enqueue([invited.PersonId], NotificationKind.Group, toPartner, url);
        await db.SaveChangesAsync(ct);
        Notice = notice;
        return RedirectToPage(new { id });
    }

    /// <summary>The current or coming invitation a handler was posted for, once the page is loaded; null answers 404.</summary>
    private async Task<Invited?> InvitationAsync(Guid id, Guid membershipId, CancellationToken ct) =>
        await LoadAsync(id, ct) ? Current.Concat(Upcoming).FirstOrDefault(i => i.MembershipId == membershipId) : null;

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
                             select new { m.Id, PersonId = p.Id, Name = p.FirstName + " " + p.LastName, m.StartsOn, m.EndsOn, m.GuestServices }).ToListAsync(ct);
        var rows = invited.Select(i => new Invited(i.Id, i.PersonId, i.Name, i.StartsOn, i.EndsOn,
            i.GuestServices is null ? ServiceKeys.PartnerServices : Canonical(i.GuestServices.Split(',')))).ToList();
        Upcoming = [.. rows.Where(i => i.StartsOn > today && !(i.EndsOn < today))];
        Ended = [.. rows.Where(i => i.EndsOn < today)];
        Current = [.. rows.Except(Upcoming).Except(Ended)];
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
