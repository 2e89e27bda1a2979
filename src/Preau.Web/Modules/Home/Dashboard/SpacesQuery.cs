using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.Blogs.Contracts;
using Preau.Web.Modules.Home.Contracts;
using Preau.Web.Modules.LiaisonBook.Contracts;
using Preau.Web.Modules.Messaging.Contracts;
using Preau.Web.Modules.People.Data;
using Preau.Web.Modules.TownHallRequests.Contracts;
using Preau.Web.Platform.Auth;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.Home.Dashboard;

/// <summary>A service of a space; <paramref name="CountLabel"/> (already pluralised) says what <paramref name="Count"/> counts.</summary>
public sealed record SpaceService(string Key, string Name, string Icon, string Url, int Count = 0, string? CountLabel = null);

/// <summary>A management page of a space, for those who run it (director, teacher, agent), with what awaits them there if counted.</summary>
public sealed record SpaceTool(string Label, string Url, int Count = 0, string? CountLabel = null);

/// <summary>One space of the home page: a class, a school, a group, a collectivité, a circonscription, or a child.</summary>
public sealed record Space(ScopeType ScopeType, Guid ScopeId, string Kind, string Title, string? Subtitle, IReadOnlyList<SpaceService> Services, IReadOnlyList<SpaceTool> Tools);

/// <summary>Builds the spaces of the current person in a fixed number of queries, whatever their roles.</summary>
public sealed class SpacesQuery(AccessContext context, PreauDbContext db, ServiceCatalog catalog, ServiceSettingsCache switches, Newness.NewSinceLastVisit newness, ILiaisonCounts liaison, IMessagingCounts messaging, IBlogCounts blogs, ITownHallEntries townHall)
{
    /// <summary>The person's own services (the messagerie) with their counts: one query.</summary>
    public async Task<IReadOnlyList<SpaceService>> PersonalAsync(CancellationToken ct = default)
    {
        var a = await context.GetAsync(ct);
        var result = new List<SpaceService>();
        foreach (var s in catalog.Personal)
        {
            var service = new SpaceService(s.Key, s.Name, s.Icon, s.Url(ScopeType.Territory, a.PersonId));
            if (s.Key == "messagerie" && await messaging.UnreadAsync(a.PersonId, ct) is var unread and > 0)
            {
                service = service with { Count = unread, CountLabel = unread == 1 ? "message non lu" : "messages non lus" };
            }
            result.Add(service);
        }
        return result;
    }

    public async Task<IReadOnlyList<Space>> GetAsync(CancellationToken ct = default)
    {
        var a = await context.GetAsync(ct);
        var staffClasses = a.StaffClassIds.ToHashSet();
        var pupilClasses = a.PupilClassIds.ToHashSet();
        var childClasses = a.ChildClassIds.ToHashSet();
        // Classes a partner is invited into (ADR 0037), when they are not there otherwise.
        var guestClasses = a.PartnerClassIds.Where(c => !staffClasses.Contains(c) && !pupilClasses.Contains(c) && !childClasses.Contains(c)).ToHashSet();
        var classIds = staffClasses.Concat(pupilClasses).Concat(childClasses).Concat(guestClasses).ToList();
        var schoolIds = a.StaffSchoolIds.ToHashSet();

        // Names come with the (cached) access: no query for classes, schools or children here.
        var classes = classIds.Distinct().Select(id => a.Classes.GetValueOrDefault(id)).OfType<ReachedClass>().Where(c => !c.IsArchived).ToList();
        var schools = schoolIds.Concat(classes.Select(c => c.SchoolId)).Distinct()
            .ToDictionary(id => id, id => a.SchoolNames.GetValueOrDefault(id) ?? "");
        var groupIds = a.GroupIds.ToList();
        var groups = groupIds.Count == 0 ? [] : await db.Groups.AsNoTracking().Where(g => groupIds.Contains(g.Id) && !g.IsArchived).Select(g => new { g.Id, g.Name }).ToListAsync(ct);
        var authorityIds = a.ScopeIds(Role.MunicipalAgent, ScopeType.LocalAuthority).ToList();
        var authorities = authorityIds.Count == 0 ? [] : await db.LocalAuthorities.AsNoTracking().Where(l => authorityIds.Contains(l.Id)).Select(l => new { l.Id, l.Name }).ToListAsync(ct);
        var districtIds = a.ScopeIds(Role.Advisor, ScopeType.District).ToList();
        var districts = districtIds.Count == 0 ? [] : await db.Districts.AsNoTracking().Where(d => districtIds.Contains(d.Id)).Select(d => new { d.Id, d.Name }).ToListAsync(ct);
        var children = a.Children;
        var childClassOf = a.ChildClasses.Select(c => new { PersonId = c.PupilId, ScopeId = c.ClassId }).ToList();

        var scopeIds = classes.Select(c => c.Id).Concat(schools.Keys).Concat(groups.Select(g => g.Id)).ToList();
        var settings = await switches.ForScopesAsync(scopeIds, ct);

        // Liaison counts: one grouped load for every class and child, whatever their number.
        var managedClasses = classes.Where(c => staffClasses.Contains(c.Id) && (a.TeachesClass(c.Id) || a.IsDirectorOf(c.SchoolId))).Select(c => c.Id).ToList();
        var counts = await liaison.GetAsync(managedClasses, [.. classes.Where(c => childClasses.Contains(c.Id)).Select(c => c.Id)], ct);
        // Pupils' blog articles waiting for the teacher (or the director), on the classes they run: one grouped query.
        var toValidate = await blogs.ToValidateAsync(managedClasses, ct);
        // What appeared in each space since the person last opened each service there: one query for every module.
        var staffSpaces = classes.Where(c => staffClasses.Contains(c.Id) || a.IsDirectorOf(c.SchoolId)).Select(c => c.Id).Concat(schoolIds).ToList();
        var pupils = a.Children.Select(c => c.Id).Append(a.PersonId).ToList();
        var shown = classes.Select(c => c.Id).Concat(schoolIds).Concat(groups.Select(g => g.Id)).ToList();
        var fresh = await newness.CountAsync(a.PersonId, shown, staffSpaces, pupils, ct);

        IReadOnlyList<SpaceService> ServicesOf(ScopeType scope, Guid id, Guid? parentSchool = null, bool forPupil = false, Guid? child = null, bool forGuest = false) =>
        [
            .. catalog.All.Where(s => s.Scopes.Contains(scope)
                    && !(forPupil && s.HiddenFromPupils)
                    // A partner finds the services their invitation opens, among those a partner may be given.
                    && (!forGuest || (ServiceKeys.PartnerServices.Contains(s.Key) && a.PartnerMay(id, s.Key)))
                    && IsEnabled(settings, s, scope, id)
                    && (parentSchool is null || IsEnabled(settings, s, ScopeType.School, parentSchool.Value)))
                .Select(s => WithCount(new SpaceService(s.Key, s.Name, s.Icon, s.Url(scope, id)), id, child)),
        ];

        SpaceService WithCount(SpaceService s, Guid classId, Guid? child)
        {
            // In a child's space, skills open that child's sheet directly.
            if (s.Key == "competences" && child is { } pupil)
            {
                return s with { Url = $"/eleve/{pupil}/competences" };
            }
            if (s.Key == "blog" && child is null && toValidate.TryGetValue(classId, out var pending) && pending > 0)
            {
                return s with { Count = pending, CountLabel = pending == 1 ? "article à valider" : "articles à valider" };
            }
            if (s.Key != "liaison")
            {
                return fresh.TryGetValue((s.Key, classId), out var news) && news.Count > 0
                    ? s with { Count = news[0].Count, CountLabel = NewLabel(news[0].Kind, news[0].Count) }
                    : s;
            }
            if (child is { } c && counts.ToSignByChild.TryGetValue((c, classId), out var toSign) && toSign > 0)
            {
                return s with { Count = toSign, CountLabel = toSign == 1 ? "mot à signer" : "mots à signer" };
            }
            if (child is null && counts.MissingByClass.TryGetValue(classId, out var missing) && missing > 0)
            {
                return s with { Count = missing, CountLabel = missing == 1 ? "signature manquante" : "signatures manquantes" };
            }
            return s;
        }

        var spaces = new List<Space>();
        foreach (var child in children)
        {
            foreach (var m in childClassOf.Where(m => m.PersonId == child.Id))
            {
                var c = classes.FirstOrDefault(x => x.Id == m.ScopeId);
                if (c is null)
                {
                    continue;
                }
                spaces.Add(new Space(ScopeType.Class, c.Id, "Mon enfant", child.FirstName + " " + child.LastName,
                    $"{c.Name} — {schools.GetValueOrDefault(c.SchoolId)}", ServicesOf(ScopeType.Class, c.Id, c.SchoolId, child: child.Id), []));
            }
        }
        foreach (var c in classes.Where(c => staffClasses.Contains(c.Id) || pupilClasses.Contains(c.Id)).OrderBy(c => c.Name))
        {
            IReadOnlyList<SpaceTool> tools = staffClasses.Contains(c.Id) && (a.TeachesClass(c.Id) || a.IsDirectorOf(c.SchoolId))
                ? [new("Services de la classe", $"/classe/{c.Id}/services"), new("Messagerie des élèves", $"/classe/{c.Id}/messagerie"), new("Intervenants", $"/classe/{c.Id}/intervenants")]
                : [];
            spaces.Add(new Space(ScopeType.Class, c.Id, pupilClasses.Contains(c.Id) ? "Ma classe" : "Classe", c.Name,
                schools.GetValueOrDefault(c.SchoolId), ServicesOf(ScopeType.Class, c.Id, c.SchoolId, forPupil: !staffClasses.Contains(c.Id)), tools));
        }
        foreach (var c in classes.Where(c => guestClasses.Contains(c.Id)).OrderBy(c => c.Name))
        {
            // The partner sees until when they are invited.
            var until = a.Memberships.Where(m => m.Role == Role.Partner && m.ScopeType == ScopeType.Class && m.ScopeId == c.Id).Max(m => m.EndsOn);
            spaces.Add(new Space(ScopeType.Class, c.Id, "Intervention", c.Name,
                schools.GetValueOrDefault(c.SchoolId) + (until is { } end ? $" — jusqu'au {end:dd/MM/yyyy}" : ""),
                ServicesOf(ScopeType.Class, c.Id, c.SchoolId, forGuest: true), []));
        }
        // Requests to the town hall: directors, and teachers where their collectivité allows it (one query).
        var townHallSchools = await townHall.SchoolsAsync(schoolIds, ct);
        foreach (var id in schoolIds.OrderBy(id => schools.GetValueOrDefault(id)))
        {
            List<SpaceTool> tools = a.IsDirectorOf(id)
                ? [new("Classes", $"/ecole/{id}/classes"), new("Import ONDE", $"/ecole/{id}/import"), new("Import des personnels", $"/ecole/{id}/import-personnels"), new("Services de l'école", $"/ecole/{id}/services"), new("Mot aux familles de plusieurs classes", $"/ecole/{id}/liaison/nouvelle")]
                : [];
            if (townHallSchools.Contains(id))
            {
                tools.Add(new("Demandes à la mairie", $"/ecole/{id}/demandes-mairie"));
            }
            spaces.Add(new Space(ScopeType.School, id, "École", schools.GetValueOrDefault(id) ?? "", null, ServicesOf(ScopeType.School, id), tools));
        }
        // Every member reaches the group's page (members, leaving; invitations and settings for its managers).
        spaces.AddRange(groups.OrderBy(g => g.Name).Select(g => new Space(ScopeType.Group, g.Id, "Groupe", g.Name, null, ServicesOf(ScopeType.Group, g.Id),
            [new("Page du groupe", $"/groupe/{g.Id}")])));
        // What awaits the town hall: requests no agent has taken on yet (one query, agents only).
        var newRequests = authorities.Count == 0 ? new Dictionary<Guid, int>() : await townHall.NewRequestsAsync([.. authorities.Select(l => l.Id)], ct);
        foreach (var l in authorities)
        {
            var n = newRequests.GetValueOrDefault(l.Id);
            spaces.Add(new Space(ScopeType.LocalAuthority, l.Id, "Collectivité", l.Name, null, [],
                [new("Blog de la collectivité", $"/collectivite/{l.Id}/blog"),
                 new("Demandes des écoles", $"/collectivite/{l.Id}/demandes", n, n switch { 0 => null, 1 => "nouvelle", _ => "nouvelles" })]));
        }
        // An advisor's circonscription: its schools school by school, and its statistics.
        spaces.AddRange(districts.Select(d => new Space(ScopeType.District, d.Id, "Circonscription", d.Name, null, [],
            [new("Écoles de la circonscription", $"/circonscription/{d.Id}"), new("Statistiques d'usage", $"/statistiques/circonscription/{d.Id}")])));
        return spaces;
    }

    /// <summary>The words after the count on a tile (translated by the page).</summary>
    internal static string NewLabel(NewKind kind, int count) => (kind, count == 1) switch
    {
        (NewKind.Article, true) => "nouvel article",
        (NewKind.Article, false) => "nouveaux articles",
        (NewKind.Photo, true) => "nouvelle photo",
        (NewKind.Photo, false) => "nouvelles photos",
        (NewKind.Document, true) => "nouveau document",
        (NewKind.Document, false) => "nouveaux documents",
        (NewKind.ForumPost, true) => "nouveau message",
        (NewKind.ForumPost, false) => "nouveaux messages",
        (NewKind.HomeworkEntry, true) => "nouveauté",
        (NewKind.HomeworkEntry, false) => "nouveautés",
        (NewKind.HandIn, true) => "nouveau travail rendu",
        _ => "nouveaux travaux rendus",
    };

    internal static bool IsEnabled(IEnumerable<Data.ServiceSetting> settings, ServiceDefinition service, ScopeType scope, Guid id) =>
        settings.FirstOrDefault(s => s.ScopeType == scope && s.ScopeId == id && s.ServiceKey == service.Key)?.Enabled ?? service.EnabledByDefault;
}
