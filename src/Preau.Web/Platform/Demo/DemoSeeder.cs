using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.Accounts;
using Preau.Web.Modules.Accounts.Data;
using Preau.Web.Modules.People.Data;
using Preau.Web.Modules.Territory;
using Preau.Web.Modules.Territory.Data;
using Preau.Web.Platform.Data;

namespace Preau.Web.Platform.Demo;

/// <summary>
/// The demo département created on first start: two circonscriptions, three collectivités (one groupement
/// of two communes), six schools, 18 classes, 300 pupils and 500 guardians, and one account per
/// profile listed in the README. Deterministic: the same names every time.
/// </summary>
internal sealed class DemoSeeder(PreauDbContext db, IPasswordHasher<PreauUser> hasher, TimeProvider time, ILogger<DemoSeeder> logger, Modules.Albums.Contracts.IAlbumsDemo albums,
    Modules.Documents.Contracts.IDocumentsDemo documents, Modules.TownHallRequests.Contracts.ITownHallDemo townHall,
    Modules.UsageStats.Contracts.IUsageStatsDemo usage)
{
    public const string AdultPassword = "Preau-Demo-2026";
    public const string PupilPassword = "soleil12";

    private static readonly string[] FirstNames =
    [
        "Emma", "Louise", "Jade", "Alice", "Chloé", "Lina", "Mila", "Léa", "Rose", "Anna", "Inès", "Julia", "Zoé", "Lou", "Ambre",
        "Gabriel", "Raphaël", "Louis", "Arthur", "Jules", "Adam", "Hugo", "Maël", "Lucas", "Paul", "Nathan", "Noah", "Sacha", "Tom", "Éthan",
    ];

    private static readonly string[] AdultFirstNames =
    [
        "Isabelle", "Nathalie", "Sandrine", "Céline", "Aurélie", "Stéphanie", "Virginie", "Émilie", "Caroline", "Sophie",
        "Nicolas", "Sébastien", "Julien", "Christophe", "Frédéric", "Olivier", "Jérôme", "Mathieu", "Cédric", "David",
    ];

    private static readonly string[] LastNames =
    [
        "Martin", "Bernard", "Thomas", "Petit", "Robert", "Richard", "Durand", "Leroy", "Moreau", "Simon", "Laurent", "Lefèvre",
        "Michel", "Garcia", "David", "Bertrand", "Roux", "Vincent", "Fournier", "Morel", "Girard", "André", "Mercier", "Dupont",
        "Lambert", "Bonnet", "François", "Martinez", "Legrand", "Garnier", "Faure", "Rousseau", "Blanc", "Guérin", "Muller",
        "Henry", "Roussel", "Nicolas", "Perrin", "Morin", "Mathieu", "Clément", "Gauthier", "Dumont", "Lopez", "Fontaine",
        "Chevalier", "Robin", "Masson", "Sanchez", "Gérard", "Nguyen", "Boyer", "Denis", "Lemaire", "Duval", "Joly", "Gautier",
    ];

    private readonly HashSet<string> _logins = [];
    private readonly List<Person> _persons = [];
    private readonly List<PreauUser> _users = [];
    private readonly List<Membership> _memberships = [];
    private readonly List<GuardianLink> _links = [];
    private string _adultHash = "";
    private string _pupilHash = "";
    private DateTime _now;

    public async Task<bool> SeedIfEmptyAsync(CancellationToken ct = default)
    {
        if (await db.Territory.AnyAsync(ct) || await db.Persons.AnyAsync(ct))
        {
            return false;
        }
        _now = time.GetUtcNow().UtcDateTime;
        // Hashing is deliberately slow; the demo's many accounts share two hashes (each person still has their own row).
        _adultHash = hasher.HashPassword(new PreauUser(), AdultPassword);
        _pupilHash = hasher.HashPassword(new PreauUser { IsPupil = true }, PupilPassword);
        var random = new Random(2026);

        db.Territory.Add(new TerritoryInfo { Name = "Haute-Saône (démonstration)", Code = "70", HolidayZone = "A" });
        var year = CurrentYear(DateOnly.FromDateTime(_now));
        db.SchoolYears.Add(year);

        var vesoul = new District { Name = "Circonscription de Vesoul", Code = "VES" };
        var lure = new District { Name = "Circonscription de Lure", Code = "LUR" };
        db.Districts.AddRange(vesoul, lure);

        var townA = new LocalAuthority { Name = "Commune de Vesoul", Kind = LocalAuthorityKind.Municipality, OfficialCode = "70550" };
        var townB = new LocalAuthority { Name = "Commune de Saint-Loup", Kind = LocalAuthorityKind.Municipality, OfficialCode = "70467" };
        var townC = new LocalAuthority { Name = "Commune de Montbozon", Kind = LocalAuthorityKind.Municipality, OfficialCode = "70364" };
        var sivos = new LocalAuthority { Name = "SIVOS de la vallée de l'Ognon", Kind = LocalAuthorityKind.MunicipalGroup };
        db.LocalAuthorities.AddRange(townA, townB, townC, sivos);
        db.LocalAuthorityMembers.AddRange(
            new LocalAuthorityMember { GroupId = sivos.Id, MunicipalityId = townB.Id },
            new LocalAuthorityMember { GroupId = sivos.Id, MunicipalityId = townC.Id });

        School NewSchool(string digits, string name, SchoolType type, LocalAuthority la, District d, string city, string postal) =>
            new() { Uai = Uai.Complete(digits), Name = name, Type = type, LocalAuthorityId = la.Id, DistrictId = d.Id, City = city, PostalCode = postal, Address = "1 rue de l'École" };

        var schools = new[]
        {
            NewSchool("0700101", "École élémentaire Jean-Jaurès", SchoolType.Elementaire, townA, vesoul, "Vesoul", "70000"),
            NewSchool("0700102", "École maternelle Les Capucins", SchoolType.Maternelle, townA, vesoul, "Vesoul", "70000"),
            NewSchool("0700103", "École primaire Pierre-Perret", SchoolType.Primaire, townA, vesoul, "Vesoul", "70000"),
            NewSchool("0700201", "École primaire du Centre", SchoolType.Primaire, townB, lure, "Saint-Loup", "70800"),
            NewSchool("0700202", "École élémentaire des Tilleuls", SchoolType.Elementaire, sivos, lure, "Saint-Loup", "70800"),
            NewSchool("0700203", "École rurale de Montbozon", SchoolType.Primaire, townC, lure, "Montbozon", "70230"),
        };
        db.Schools.AddRange(schools);

        // Classes per school: (name, levels).
        var plan = new (string, Levels)[][]
        {
            [("CP A", Levels.Cp), ("CP B", Levels.Cp), ("CE1", Levels.Ce1), ("CE2", Levels.Ce2), ("CM1", Levels.Cm1), ("CM2", Levels.Cm2)],
            [("Petite section", Levels.Tps | Levels.Ps), ("Moyenne section", Levels.Ms), ("Grande section", Levels.Gs)],
            [("PS-MS", Levels.Ps | Levels.Ms), ("GS-CP", Levels.Gs | Levels.Cp), ("CE1-CE2", Levels.Ce1 | Levels.Ce2)],
            [("Maternelle", Levels.Ps | Levels.Ms | Levels.Gs), ("CP-CE1", Levels.Cp | Levels.Ce1), ("CE2-CM1-CM2", Levels.Ce2 | Levels.Cm1 | Levels.Cm2)],
            [("CE2-CM1", Levels.Ce2 | Levels.Cm1), ("CM1-CM2", Levels.Cm1 | Levels.Cm2)],
            [("Classe unique", Levels.Gs | Levels.Cp | Levels.Ce1 | Levels.Ce2 | Levels.Cm1 | Levels.Cm2)],
        };

        // The accounts listed in the README come first so that they get the plain "prenom.nom" identifier.
        var admin = AddAdult("Hélène", "Garnier", "helene.garnier@example.org");
        AddMembership(admin, Role.TerritoryAdmin, ScopeType.Territory, null, null);
        var level2 = AddAdult("Marc", "Lefort", "marc.lefort@example.org");
        AddMembership(level2, Role.Level2Support, ScopeType.Territory, null, null);
        var advisor = AddAdult("Julien", "Perrin", "julien.perrin@example.org");
        AddMembership(advisor, Role.Advisor, ScopeType.District, vesoul.Id, year.Id);
        var agent = AddAdult("Nadia", "Roussel", "nadia.roussel@example.org");
        AddMembership(agent, Role.MunicipalAgent, ScopeType.LocalAuthority, townA.Id, year.Id);
        var partner = AddAdult("Karim", "Benali", "karim.benali@example.org");
        var director = AddAdult("Anne", "Dubois", "anne.dubois@example.org");
        var teacher = AddAdult("Thomas", "Mercier", "thomas.mercier@example.org");
        var atsem = AddAdult("Martine", "Colin", null);
        var parent = AddAdult("Julie", "Moreau", "julie.moreau@example.org");
        var pupil = AddPupil("Léo", "Moreau", random);
        // A teacher of another school (Saint-Loup), Thomas Mercier's partner in the inter-school reading project.
        var partnerTeacher = AddAdult("Lucie", "Vasseur", "lucie.vasseur@example.org");
        // A sports educator of the commune, with a partner account of the territory and no class yet: a teacher invites her.
        var educator = AddAdult("Maëlle", "Kerbrat", "maelle.kerbrat@example.org");
        AddMembership(educator, Role.Partner, ScopeType.Territory, null, null);

        var classes = new List<SchoolClass>();
        var directors = new Person[schools.Length];
        for (var s = 0; s < schools.Length; s++)
        {
            var school = schools[s];
            var first = true;
            foreach (var (name, levels) in plan[s])
            {
                var cls = new SchoolClass { SchoolId = school.Id, SchoolYearId = year.Id, Name = name, Levels = levels, Scheme = name == "CM1-CM2" ? Scheme.Ulis : Scheme.None };
                classes.Add(cls);
                // The director teaches the first class of the school (as in most small schools).
                Person teacherOfClass;
                if (first)
                {
                    teacherOfClass = s == 0 ? director : AddAdult(Pick(AdultFirstNames, random), Pick(LastNames, random), null);
                    AddMembership(teacherOfClass, Role.Director, ScopeType.School, school.Id, year.Id);
                    directors[s] = teacherOfClass;
                    first = false;
                }
                else
                {
                    teacherOfClass = s == 0 && name == "CE1" ? teacher : AddAdult(Pick(AdultFirstNames, random), Pick(LastNames, random), null);
                }
                AddMembership(teacherOfClass, Role.Teacher, ScopeType.Class, cls.Id, year.Id);
            }
        }
        db.Classes.AddRange(classes);
        var maternelleFirst = classes.First(c => c.SchoolId == schools[1].Id);
        AddMembership(atsem, Role.SchoolStaff, ScopeType.Class, maternelleFirst.Id, year.Id);

        // Pupils: about 17 per class; about one family in six has two children in the school.
        var ce1 = classes.First(c => c.SchoolId == schools[0].Id && c.Name == "CE1");
        var cm1 = classes.First(c => c.SchoolId == schools[0].Id && c.Name == "CM1");
        AddMembership(pupil, Role.Pupil, ScopeType.Class, ce1.Id, year.Id);
        var sister = AddPupil("Manon", "Moreau", random);
        AddMembership(sister, Role.Pupil, ScopeType.Class, cm1.Id, year.Id);
        var father = AddAdult("Pierre", "Moreau", null);
        LinkFamily([parent, father], [pupil, sister]);

        foreach (var schoolClasses in classes.GroupBy(c => c.SchoolId))
        {
            var list = schoolClasses.ToList();
            foreach (var cls in list)
            {
                for (var i = 0; i < 17; i++)
                {
                    var lastName = Pick(LastNames, random);
                    var child = AddPupil(Pick(FirstNames, random), lastName, random);
                    AddMembership(child, Role.Pupil, ScopeType.Class, cls.Id, year.Id);
                    var children = new List<Person> { child };
                    if (random.Next(6) == 0 && list.Count > 1)
                    {
                        var sibling = AddPupil(Pick(FirstNames, random), lastName, random);
                        AddMembership(sibling, Role.Pupil, ScopeType.Class, list[random.Next(list.Count)].Id, year.Id);
                        children.Add(sibling);
                        i++;
                    }
                    var guardians = new List<Person> { AddAdult(Pick(AdultFirstNames, random), lastName, random.Next(3) > 0 ? "" : null) };
                    if (random.Next(10) < 9)
                    {
                        guardians.Add(AddAdult(Pick(AdultFirstNames, random), random.Next(4) == 0 ? Pick(LastNames, random) : lastName, null));
                    }
                    // Separated parents: a step-parent who is a guardian without parental authority.
                    if (random.Next(12) == 0)
                    {
                        var step = AddAdult(Pick(AdultFirstNames, random), Pick(LastNames, random), null);
                        foreach (var c in children)
                        {
                            _links.Add(new GuardianLink { GuardianId = step.Id, PupilId = c.Id, Relationship = Relationship.Other, HasParentalAuthority = false });
                        }
                    }
                    LinkFamily(guardians, children);
                }
            }
        }

        // An inter-school project with a partner from the local library.
        var group = new Group { Name = "Projet inter-écoles « Lire et faire lire »", Description = "Rencontres autour de la lecture entre les écoles de Vesoul et de Saint-Loup.", OwnerId = teacher.Id };
        db.Groups.Add(group);
        db.GroupMembers.AddRange(
            new GroupMember { GroupId = group.Id, PersonId = teacher.Id, Role = GroupRole.Owner },
            new GroupMember { GroupId = group.Id, PersonId = director.Id, Role = GroupRole.Moderator },
            new GroupMember { GroupId = group.Id, PersonId = partner.Id, Role = GroupRole.Contributor, StartsOn = year.StartsOn, EndsOn = year.EndsOn },
            new GroupMember { GroupId = group.Id, PersonId = partnerTeacher.Id, Role = GroupRole.Member });
        AddMembership(partner, Role.Partner, ScopeType.Group, group.Id, year.Id);
        // Lucie Vasseur co-teaches the CP-CE1 of the École primaire du Centre (Saint-Loup), outside Jean-Jaurès.
        var saintLoupClass = classes.First(c => c.SchoolId == schools[3].Id && c.Name == "CP-CE1");
        AddMembership(partnerTeacher, Role.Teacher, ScopeType.Class, saintLoupClass.Id, year.Id);
        SeedForum(group.Id, teacher.Id, partnerTeacher.Id);
        // An open group of two other schools, so that « Mes groupes » shows something to join (no README account is in it).
        var choir = new Group
        {
            Name = "Chorale des écoles de Saint-Loup", IsOpen = true, OwnerId = directors[3].Id,
            Description = "Les classes qui chantent ensemble pour la fête de fin d'année : ouverte aux enseignants et aux intervenants.",
        };
        db.Groups.Add(choir);
        db.GroupMembers.AddRange(
            new GroupMember { GroupId = choir.Id, PersonId = directors[3].Id, Role = GroupRole.Owner },
            new GroupMember { GroupId = choir.Id, PersonId = directors[4].Id, Role = GroupRole.Moderator });

        // A few news items so the home pages show something: the département's, the commune's, Jean-Jaurès'.
        db.NewsItems.AddRange(
            new Modules.News.Data.NewsItem
            {
                ScopeType = ScopeType.Territory, AuthorId = admin.Id, Title = "Bienvenue sur Préau",
                Body = "Préau est l'espace numérique des écoles du département.\n\nL'aide en ligne est sur https://preau.example.org/aide.",
                PublishAt = _now.AddDays(-7), CreatedAt = _now, UpdatedAt = _now,
            },
            new Modules.News.Data.NewsItem
            {
                ScopeType = ScopeType.LocalAuthority, ScopeId = townA.Id, AuthorId = agent.Id, Title = "Inscriptions à la cantine",
                Body = "Les inscriptions à la restauration scolaire pour la période suivante sont ouvertes en mairie jusqu'à vendredi.",
                PublishAt = _now.AddDays(-2), ExpiresAt = _now.AddDays(30), CreatedAt = _now, UpdatedAt = _now,
            },
            new Modules.News.Data.NewsItem
            {
                ScopeType = ScopeType.School, ScopeId = schools[0].Id, AuthorId = director.Id, Title = "Fête de l'école",
                Body = "La fête de l'école aura lieu samedi matin dans la cour.\nSpectacle des élèves à 10 h, puis buffet partagé.\n\nToutes les familles sont les bienvenues !",
                PublishAt = _now.AddDays(-1), IsImportant = true, CreatedAt = _now, UpdatedAt = _now,
            });
        SeedAgendas(ce1, schools[0].Id, group.Id, teacher.Id, director.Id);

        // A public class blog (CE1 of Jean-Jaurès, Thomas Mercier's) so that the showcase and the feeds have something to show.
        var ce1Blog = new Modules.Blogs.Data.Blog
        {
            ScopeType = ScopeType.Class, ScopeId = ce1.Id, Slug = "ce1-jean-jaures", Title = "Le blog des CE1 de Jean-Jaurès",
            Description = "La vie de la classe de CE1 de l'école Jean-Jaurès, racontée par les élèves et leur enseignant.",
            Visibility = Modules.Blogs.Data.BlogVisibility.Public, CreatedBy = teacher.Id, CreatedAt = _now,
        };
        db.Blogs.Add(ce1Blog);
        db.BlogPages.Add(new Modules.Blogs.Data.BlogPage
        {
            BlogId = ce1Blog.Id, Slug = "notre-classe", Title = "Notre classe",
            Body = "<p>Nous sommes 18 élèves de CE1 à l'école Jean-Jaurès de Vesoul. Sur ce blog, nous racontons nos sorties, nos projets et nos découvertes.</p>",
            UpdatedAt = _now,
        });
        db.BlogArticles.AddRange(
            new Modules.Blogs.Data.BlogArticle
            {
                BlogId = ce1Blog.Id, Slug = "bienvenue-sur-notre-blog", Title = "Bienvenue sur notre blog",
                Body = "<p>Cette année, les CE1 ouvrent leur blog ! Vous y trouverez nos travaux et les nouvelles de la classe.</p>",
                AuthorId = teacher.Id, Status = Modules.Blogs.Data.ArticleStatus.Published, PublishAt = _now.AddDays(-10), CreatedAt = _now, UpdatedAt = _now,
            },
            new Modules.Blogs.Data.BlogArticle
            {
                BlogId = ce1Blog.Id, Slug = "sortie-au-jardin-botanique", Title = "Sortie au jardin botanique",
                Body = "<p>Jeudi, nous sommes allés au jardin botanique. Nous avons observé les <strong>feuilles d'automne</strong> et appris le nom de plusieurs arbres :</p><ul><li>le chêne ;</li><li>l'érable ;</li><li>le marronnier.</li></ul>",
                AuthorId = teacher.Id, Status = Modules.Blogs.Data.ArticleStatus.Published, PublishAt = _now.AddDays(-3), CreatedAt = _now, UpdatedAt = _now,
            });

        db.Charters.AddRange(
            new Charter { Audience = CharterAudience.Adult, Version = 1, PublishedAt = _now, Text = AdultCharter },
            new Charter { Audience = CharterAudience.Child, Version = 1, PublishedAt = _now, Text = ChildCharter });

        SeedHomework(ce1.Id, teacher.Id);
        SeedLiaisonAndMail(ce1, classes.Where(c => c.SchoolId == schools[0].Id).ToList(), teacher, director, parent, pupil, random);
        SeedQuiz(ce1.Id, teacher.Id);
        SeedSubscriptionsAndTraining(townA.Id, sivos.Id, schools[4].Id, vesoul.Id, lure.Id, admin.Id, advisor.Id);
        SeedHelp(advisor.Id);

        db.Persons.AddRange(_persons);
        db.Users.AddRange(_users);
        db.Memberships.AddRange(_memberships);
        db.GuardianLinks.AddRange(_links);
        await db.SaveChangesAsync(ct);
        await albums.SeedClassAlbumAsync(ce1.Id, teacher.Id, ct);
        await documents.SeedClassDocumentsAsync(ce1.Id, teacher.Id, ct);
        // Jean-Jaurès (schools[0]) is served by the Commune de Vesoul, where Nadia Roussel is the agent.
        await townHall.SeedAsync(townA.Id, schools[0].Id, director.Id, agent.Id, ct);
        await usage.SeedAsync(ct);
        logger.LogInformation("Demo territory seeded: {Schools} schools, {Classes} classes, {Persons} persons", schools.Length, classes.Count, _persons.Count);
        return true;
    }

    /// <summary>
    /// Vesoul subscribed for the year, the SIVOS piloting its school for free until the end of the term (read-only stays
    /// off in the demo, so Saint-Loup and Montbozon, not subscribed, keep working); two training sessions.
    /// </summary>
    private void SeedSubscriptionsAndTraining(Guid vesoulTown, Guid sivos, Guid sivosSchool, Guid vesoulDistrict, Guid lureDistrict, Guid adminId, Guid advisorId)
    {
        var today = Time.ParisDate.Today(time);
        var startYear = Modules.Subscriptions.SchoolYears.StartYear(today);
        db.Subscriptions.Add(new Modules.Subscriptions.Data.Subscription
        {
            LocalAuthorityId = vesoulTown, YearLabel = Modules.Subscriptions.SchoolYears.Label(startYear), AllSchools = true,
            StartsOn = Modules.Subscriptions.SchoolYears.StartsOn(startYear), EndsOn = Modules.Subscriptions.SchoolYears.EndsOn(startYear),
            Reference = "Convention 2024-07", CreatedAt = _now, CreatedById = adminId,
        });
        var trial = new Modules.Subscriptions.Data.Subscription
        {
            LocalAuthorityId = sivos, YearLabel = Modules.Subscriptions.SchoolYears.Label(startYear), Kind = Modules.Subscriptions.Data.SubscriptionKind.Trial,
            StartsOn = today.AddDays(-30), EndsOn = today.AddDays(60), Reference = "Pilote", CreatedAt = _now, CreatedById = adminId,
        };
        db.Subscriptions.Add(trial);
        db.SubscriptionSchools.Add(new Modules.Subscriptions.Data.SubscriptionSchool { SubscriptionId = trial.Id, SchoolId = sivosSchool });
        var day = today.AddDays(10).ToDateTime(new TimeOnly(13, 30));
        db.TrainingSessions.AddRange(
            new Modules.Training.Data.TrainingSession
            {
                DistrictId = vesoulDistrict, Topic = "Le cahier de textes numérique en cycle 2", Place = "Salle de réunion de la circonscription, Vesoul",
                Description = "Prise en main du cahier de textes et des casiers de rendu. Apportez une tablette ou un ordinateur.",
                StartsAt = Platform.Time.ParisDate.ToUtc(day), EndsAt = Platform.Time.ParisDate.ToUtc(day.AddHours(3)), Seats = 12,
                CreatedById = advisorId, CreatedAt = _now,
            },
            new Modules.Training.Data.TrainingSession
            {
                DistrictId = lureDistrict, Topic = "Publier sur le blog de l'école en sécurité", VideoUrl = "https://visio.example.org/formation-blog",
                StartsAt = Platform.Time.ParisDate.ToUtc(day.AddDays(7)), EndsAt = Platform.Time.ParisDate.ToUtc(day.AddDays(7).AddHours(2)), Seats = 30,
                CreatedById = adminId, CreatedAt = _now,
            });
    }

    /// <summary>What « Besoin d'aide ? » shows on a new platform: one known problem and the help of two services, by the advisor.</summary>
    private void SeedHelp(Guid advisorId)
    {
        Modules.Helpdesk.Data.HelpArticle Article(Modules.Helpdesk.Data.HelpArticleKind kind, string? service, string title, string body) =>
            new() { Kind = kind, Service = service, Title = title, BodyHtml = body, UpdatedAt = _now, UpdatedById = advisorId };
        db.HelpdeskArticles.AddRange(
            Article(Modules.Helpdesk.Data.HelpArticleKind.KnownProblem, null, "Les vidéos de plus de 10 Mo sont refusées",
                "<p>Les fichiers sont limités à 10 Mo. Pour une vidéo, déposez-la sur le service vidéo académique et collez son lien.</p>"),
            Article(Modules.Helpdesk.Data.HelpArticleKind.ServiceHelp, "messagerie", "Utiliser la messagerie",
                "<p>Écrivez depuis <strong>Messagerie → Nouveau message</strong>. Seules les personnes que les règles de communication vous permettent de joindre sont proposées.</p>"),
            Article(Modules.Helpdesk.Data.HelpArticleKind.ServiceHelp, "compte", "Mot de passe oublié",
                "<p>Les enseignants et les parents utilisent « Mot de passe oublié » sur la page de connexion ; un élève demande une nouvelle lettre de connexion à son enseignant.</p>"));
    }

    /// <summary>
    /// The CE1's cahier de textes: the last school day's séances and the one before, work for the coming school days, one
    /// piece of work à rendre. School days, not calendar days: a demo opened on a Sunday or a Friday must not show séances
    /// on a Saturday, nor work due on one (the parents' « À faire pour demain » looks at the next school day).
    /// </summary>
    private void SeedHomework(Guid classId, Guid teacherId)
    {
        var subjects = Modules.Homework.SubjectCatalog.Defaults(Modules.Territory.Data.Levels.Ce1)
            .Select((name, i) => new Modules.Homework.Data.Subject { ClassId = classId, Name = name, Position = i }).ToList();
        db.HomeworkSubjects.AddRange(subjects);
        var today = Platform.Time.ParisDate.Today(time);
        var lastSchoolDay = today.DayOfWeek switch
        {
            DayOfWeek.Saturday => today.AddDays(-1),
            DayOfWeek.Sunday => today.AddDays(-2),
            _ => today,
        };
        var dayBefore = lastSchoolDay.AddDays(lastSchoolDay.DayOfWeek == DayOfWeek.Monday ? -3 : -1);
        DateOnly SchoolDaysAfterToday(int count)
        {
            var day = today;
            for (var i = 0; i < count; i++)
            {
                day = Modules.Homework.HomeworkTime.NextSchoolDay(day);
            }
            return day;
        }
        Modules.Homework.Data.Entry Entry(string subject, DateOnly day, string? session, string? work, int? dueInSchoolDays, bool handIn = false)
        {
            var due = dueInSchoolDays is { } d ? SchoolDaysAfterToday(d) : (DateOnly?)null;
            return new Modules.Homework.Data.Entry
            {
                ClassId = classId, SubjectId = subjects.First(s => s.Name == subject).Id, AuthorId = teacherId, Day = day,
                Session = session, Work = work, DueOn = due, HandIn = handIn, CreatedAt = _now,
                DueAt = handIn && due is { } at ? Modules.Homework.HomeworkTime.ToUtc(at, new TimeOnly(18, 0)) : null,
            };
        }
        db.HomeworkEntries.AddRange(
            Entry("Français", dayBefore, "Lecture du chapitre 3 de « La sorcière de la rue Mouffetard ».", "Relire le chapitre 3 à voix haute.", 1),
            Entry("Mathématiques", dayBefore, "Les doubles et les moitiés.", "Fiche « doubles » exercices 1 et 2.", 1),
            Entry("Mathématiques", lastSchoolDay, "Problèmes de partage.", null, null),
            Entry("Questionner le monde", lastSchoolDay, "Le cycle de l'eau : expérience de l'évaporation.",
                "Dessine le cycle de l'eau et prends-le en photo (ou scanne-le) pour le déposer dans ton casier.", 3, handIn: true),
            Entry("Éducation musicale", lastSchoolDay, null, "Apprendre le premier couplet de la chanson.", 2));
    }

    /// <summary>
    /// The CE1's cahier de liaison and mail, so that the two services families use most are not empty in the demo: a note
    /// signed by most families (a reply from Julie Moreau to it), the director's note to every class of Jean-Jaurès, and a
    /// recent note with a question that Léo's parents have still to sign (« 1 mot à signer » on her home page); the
    /// teacher's mail to the families (one read, one not) and a conversation between Julie Moreau and the teacher.
    /// </summary>
    private void SeedLiaisonAndMail(SchoolClass ce1, IReadOnlyList<SchoolClass> schoolClasses, Person teacher, Person director, Person parent, Person leo, Random random)
    {
        var pupilsOf = _memberships.Where(m => m.Role == Role.Pupil && m.ScopeType == ScopeType.Class)
            .GroupBy(m => m.ScopeId!.Value).ToDictionary(g => g.Key, g => g.Select(m => m.PersonId).ToList());
        var guardiansOf = _links.Where(l => l.HasParentalAuthority).GroupBy(l => l.PupilId).ToDictionary(g => g.Key, g => g.Select(l => l.GuardianId).ToList());
        var leosFamily = guardiansOf[leo.Id];
        var ce1Pupils = pupilsOf[ce1.Id];
        var ce1Families = ce1Pupils.SelectMany(p => guardiansOf.GetValueOrDefault(p) ?? []).Distinct().ToList();
        var notes = new List<Modules.LiaisonBook.Data.Note>();

        Modules.LiaisonBook.Data.Note Note(Person author, IEnumerable<SchoolClass> to, int daysAgo, string title, string body, string? question = null)
        {
            var note = new Modules.LiaisonBook.Data.Note
            {
                SchoolId = ce1.SchoolId, AuthorId = author.Id, Title = title, Body = body, CreatedAt = _now.AddDays(-daysAgo).Date.AddHours(15.5),
                Question = question, Choices = question is null ? null : "Oui\nNon",
            };
            notes.Add(note);
            db.AddRange(to.Select(c => new Modules.LiaisonBook.Data.NoteClass { NoteId = note.Id, ClassId = c.Id }));
            return note;
        }
        // Signed by the first guardian of a share of the pupils (always Léo's mother for Léo, unless told otherwise).
        void Sign(Modules.LiaisonBook.Data.Note note, IEnumerable<Guid> pupils, int percent, bool leosParentsSign, Func<string?>? answer = null)
        {
            foreach (var pupil in pupils)
            {
                var isLeo = leosFamily.Intersect(guardiansOf.GetValueOrDefault(pupil) ?? []).Any();
                if (isLeo ? !leosParentsSign : random.Next(100) >= percent || !guardiansOf.ContainsKey(pupil))
                {
                    continue;
                }
                // In the evening after school (UTC, Paris is ahead), over the next days, never later than the demo's start.
                var signedAt = note.CreatedAt.Date.AddDays(random.Next(3)).AddHours(16 + random.Next(5)).AddMinutes(random.Next(60));
                db.Add(new Modules.LiaisonBook.Data.Acknowledgement
                {
                    NoteId = note.Id, PupilId = pupil, GuardianId = isLeo ? parent.Id : guardiansOf[pupil][0],
                    SignedAt = signedAt < _now ? signedAt : _now.AddMinutes(-random.Next(5, 120)), Answer = answer?.Invoke(),
                });
            }
        }

        var photos = Note(teacher, [ce1], 20, "Photo de classe",
            "Bonjour,\nLa photo de classe aura lieu mardi matin. Pensez à une tenue de saison.\nLes photos de fratrie sont possibles à 8 h 20 dans le hall.\nMerci de signer ce mot.\nThomas Mercier");
        Sign(photos, ce1Pupils, 90, leosParentsSign: true);
        db.Add(new Modules.LiaisonBook.Data.Reply
        {
            NoteId = photos.Id, PupilId = leo.Id, AuthorId = parent.Id, At = photos.CreatedAt.AddHours(5),
            Text = "Bonjour, nous viendrons pour la photo de fratrie avec Manon. Merci !",
        });
        var drill = Note(director, schoolClasses, 9, "Exercice d'alerte incendie",
            "Madame, Monsieur,\nUn exercice d'évacuation aura lieu dans la semaine. Les enfants y sont préparés en classe ; il n'y a rien à prévoir.\nAnne Dubois, directrice");
        foreach (var cls in schoolClasses)
        {
            Sign(drill, pupilsOf.GetValueOrDefault(cls.Id) ?? [], 75, leosParentsSign: true);
        }
        var museum = Note(teacher, [ce1], 2, "Sortie au musée Georges-Garret",
            "Bonjour,\nNous visiterons le musée Georges-Garret de Vesoul jeudi prochain, de 9 h à 12 h. La sortie est gratuite.\nNous cherchons deux parents accompagnateurs.\nThomas Mercier",
            question: "Pouvez-vous accompagner la sortie ?");
        Sign(museum, ce1Pupils, 45, leosParentsSign: false, () => random.Next(5) == 0 ? "Oui" : "Non");
        db.AddRange(notes);

        // Sent on days before today at the hours people write (UTC, an hour or two before Paris time).
        Modules.Messaging.Data.Message Mail(Person from, string subject, string body, int daysAgo, double hour, string summary, IEnumerable<Guid> to, Func<Guid, bool> read,
            Modules.Messaging.Data.Message? inReplyTo = null)
        {
            var at = _now.Date.AddDays(-daysAgo).AddHours(hour);
            var message = new Modules.Messaging.Data.Message
            {
                SenderId = from.Id, Subject = subject, Body = body, CreatedAt = at, SentAt = at, SenderState = Modules.Messaging.Data.SenderState.Sent,
                RecipientSummary = summary, InReplyToId = inReplyTo?.Id,
            };
            message.ThreadId = inReplyTo?.ThreadId ?? message.Id;
            db.Add(message);
            db.AddRange(to.Select(id => new Modules.Messaging.Data.MessageRecipient
            {
                MessageId = message.Id, PersonId = id, SentAt = at, ReadAt = read(id) ? at.AddHours(2) : null,
            }));
            return message;
        }
        var families = $"Familles de la classe {ce1.Name}";
        Mail(teacher, "Piscine : le sac du mardi",
            "Bonjour,\nLes séances de piscine commencent mardi. Merci de prévoir dans un sac marqué au nom de l'enfant : maillot, serviette, bonnet et lunettes.\nBonne soirée,\nThomas Mercier",
            6, 16.75, families, ce1Families, id => leosFamily.Contains(id) || random.Next(10) < 8);
        Mail(teacher, "Lecture du soir",
            "Bonjour,\nVotre enfant rapporte ce soir un livre de la bibliothèque de la classe. Lisez-le ensemble quelques minutes chaque soir si vous le pouvez.\nMerci,\nThomas Mercier",
            1, 15.5, families, ce1Families, id => !leosFamily.Contains(id) && random.Next(10) < 5);
        var absence = Mail(parent, "Absence de Léo jeudi matin",
            "Bonjour Monsieur Mercier,\nLéo a rendez-vous chez l'orthophoniste jeudi matin ; il arrivera à l'école à 10 h 30.\nCordialement,\nJulie Moreau",
            2, 6.2, "Thomas Mercier", [teacher.Id], _ => true);
        Mail(teacher, "Re: Absence de Léo jeudi matin",
            "Bonjour Madame Moreau,\nC'est noté, merci de m'avoir prévenu. Léo pourra rattraper la dictée vendredi.\nThomas Mercier",
            2, 11.5, "Julie Moreau", [parent.Id], _ => true, inReplyTo: absence);
    }

    /// <summary>A short CE1 quiz, open for a month, one question of each kind: what a visitor sees under « Quiz ».</summary>
    private void SeedQuiz(Guid classId, Guid teacherId)
    {
        var quiz = new Modules.Quizzes.Data.Quiz
        {
            ClassId = classId, AuthorId = teacherId, Title = "Les animaux de la ferme", Instructions = "Lis bien chaque question avant de répondre.",
            OpensAt = _now.AddDays(-1), ClosesAt = Platform.Time.ParisDate.ToUtc(Platform.Time.ParisDate.Today(time).AddDays(30).ToDateTime(new TimeOnly(18, 0))), CreatedAt = _now,
        };
        db.Quizzes.Add(quiz);
        var position = 0;
        void Ask(Modules.Quizzes.Data.QuestionKind kind, string text, string? explanation, string? accepted, params (string Text, bool Correct)[] choices)
        {
            var q = new Modules.Quizzes.Data.Question { QuizId = quiz.Id, Position = position++, Kind = kind, Text = text, Explanation = explanation, AcceptedAnswers = accepted };
            db.QuizQuestions.Add(q);
            db.QuizChoices.AddRange(choices.Select((c, i) => new Modules.Quizzes.Data.Choice { QuestionId = q.Id, Position = i, Text = c.Text, IsCorrect = c.Correct }));
        }
        Ask(Modules.Quizzes.Data.QuestionKind.SingleChoice, "Quel animal donne du lait ?", "La vache donne du lait : on en fait aussi du beurre et du fromage.", null,
            ("La poule", false), ("La vache", true), ("Le cochon", false));
        Ask(Modules.Quizzes.Data.QuestionKind.MultipleChoice, "Quels animaux ont des plumes ?", "Les oiseaux ont des plumes : la poule et le canard sont des oiseaux.", null,
            ("La poule", true), ("Le mouton", false), ("Le canard", true));
        Ask(Modules.Quizzes.Data.QuestionKind.TrueFalse, "Le mouton nous donne de la laine.", "On tond le mouton au printemps pour récupérer sa laine.", null,
            ("Vrai", true), ("Faux", false));
        Ask(Modules.Quizzes.Data.QuestionKind.ShortAnswer, "Comment appelle-t-on le petit de la vache ?", "Le petit de la vache est le veau.", "veau\nle veau");
    }

    public static SchoolYear CurrentYear(DateOnly today)
    {
        var start = today.Month >= 8 ? today.Year : today.Year - 1;
        return new SchoolYear
        {
            Label = $"{start}-{start + 1}",
            StartsOn = new DateOnly(start, 9, 1),
            EndsOn = new DateOnly(start + 1, 7, 4),
            IsCurrent = true,
        };
    }

    private static string Pick(string[] values, Random random) => values[random.Next(values.Length)];

    /// <summary>A first discussion in the reading project's forum, so that a visitor sees what a forum looks like.</summary>
    private void SeedForum(Guid groupId, Guid teacherId, Guid partnerTeacherId)
    {
        var topic = new Modules.Forums.Data.ForumTopic
        {
            ScopeType = ScopeType.Group, ScopeId = groupId, Title = "Bienvenue sur le forum du projet", AuthorId = teacherId,
            IsPinned = true, CreatedAt = _now.AddDays(-5), LastPostAt = _now.AddDays(-4),
        };
        var welcome = new Modules.Forums.Data.ForumPost
        {
            TopicId = topic.Id, AuthorId = teacherId, IsHtml = true, CreatedAt = _now.AddDays(-5),
            Body = "<p>Bonjour à tous ! Ce forum sert à préparer nos rencontres autour de la lecture. Présentez vos classes ici.</p>",
        };
        db.ForumTopics.Add(topic);
        db.ForumPosts.AddRange(welcome, new Modules.Forums.Data.ForumPost
        {
            TopicId = topic.Id, AuthorId = partnerTeacherId, IsHtml = true, CreatedAt = _now.AddDays(-4), QuotedPostId = welcome.Id,
            Body = "<p>Bonjour ! Ma classe de CP-CE1 de Saint-Loup est ravie de participer.</p>",
        });
    }

    private Person AddAdult(string first, string last, string? email)
    {
        var person = new Person { FirstName = first, LastName = last, CreatedAt = _now };
        _persons.Add(person);
        var login = Login(first, last);
        // An empty string asks for a generated address (parents who gave one to the school).
        var mail = email == "" ? $"{login}@example.org" : email;
        _users.Add(NewUser(person, login, mail, _adultHash, isPupil: false));
        return person;
    }

    private Person AddPupil(string first, string last, Random random)
    {
        var person = new Person
        {
            FirstName = first,
            LastName = last,
            CreatedAt = _now,
            BirthDate = new DateOnly(2016 + random.Next(6), 1 + random.Next(12), 1 + random.Next(28)),
            PhotoAllowed = random.Next(10) > 0,
        };
        _persons.Add(person);
        _users.Add(NewUser(person, Login(first, last), null, _pupilHash, isPupil: true));
        return person;
    }

    private string Login(string first, string last)
    {
        var baseName = LoginNames.Base(first, last);
        var candidate = baseName;
        for (var i = 2; !_logins.Add(candidate); i++)
        {
            candidate = baseName + i;
        }
        return candidate;
    }

    private static PreauUser NewUser(Person person, string login, string? email, string hash, bool isPupil) => new()
    {
        Id = person.Id,
        UserName = login,
        NormalizedUserName = login.ToUpperInvariant(),
        Email = email,
        NormalizedEmail = email?.ToUpperInvariant(),
        EmailConfirmed = email is not null,
        PasswordHash = hash,
        SecurityStamp = Guid.NewGuid().ToString("N"),
        ConcurrencyStamp = Guid.NewGuid().ToString(),
        LockoutEnabled = true,
        IsPupil = isPupil,
    };

    private void AddMembership(Person person, Role role, ScopeType scope, Guid? scopeId, Guid? yearId) =>
        _memberships.Add(new Membership { PersonId = person.Id, Role = role, ScopeType = scope, ScopeId = scopeId, SchoolYearId = yearId });

    private void LinkFamily(IEnumerable<Person> guardians, IEnumerable<Person> children)
    {
        var list = guardians.ToList();
        foreach (var child in children)
        {
            for (var i = 0; i < list.Count; i++)
            {
                _links.Add(new GuardianLink { GuardianId = list[i].Id, PupilId = child.Id, Relationship = i == 0 ? Relationship.Mother : Relationship.Father, HasParentalAuthority = true });
            }
        }
    }

    internal const string AdultCharter = """
        Charte d'utilisation de Préau, espace numérique de travail des écoles du département

        1. Objet. Préau est un service public numérique réservé aux élèves, à leurs représentants légaux, aux personnels des écoles et aux partenaires invités. Il sert la vie de l'école : communication avec les familles, travail de classe, projets.
        2. Accès. Votre identifiant est personnel. Gardez votre mot de passe secret, déconnectez-vous sur un appareil partagé et signalez toute perte ou utilisation anormale au directeur de l'école.
        3. Respect des personnes. Vous vous engagez à ne publier aucun propos injurieux, diffamatoire, discriminatoire ou contraire à l'ordre public, et à respecter la vie privée et le droit à l'image de chacun, en particulier des enfants.
        4. Contenus. Vous ne déposez que des contenus dont vous avez les droits. Les enseignants et directeurs peuvent modérer ce qui est publié dans leurs espaces.
        5. Données personnelles. Les données sont traitées conformément à l'arrêté du 30 novembre 2006 modifié et au RGPD ; voir la page « Données personnelles ».
        6. Sanctions. Le non-respect de la charte peut entraîner la suspension de l'accès, sans préjudice de poursuites.
        """;

    internal const string ChildCharter = """
        Ma charte de Préau

        - Mon mot de passe est un secret : je ne le donne qu'à mes parents et à mon enseignant.
        - Je suis poli et gentil avec tout le monde, comme dans la cour de l'école.
        - Je ne publie pas de photo d'un camarade sans l'accord de l'enseignant.
        - Si quelque chose me fait peur ou me met mal à l'aise, j'en parle tout de suite à un adulte.
        - Quand j'ai fini, je me déconnecte.
        """;
    /// <summary>
    /// A few events so that the agendas are not empty: the CE1's weekly swimming and an outing next week, a school
    /// meeting, a group meeting; and the school holidays shipped with Préau (zone A: Haute-Saône).
    /// </summary>
    private void SeedAgendas(SchoolClass ce1, Guid schoolId, Guid groupId, Guid teacherId, Guid directorId)
    {
        var classAgenda = new Modules.Agenda.Data.AgendaCalendar { Kind = Modules.Agenda.Data.AgendaKind.Class, OwnerId = ce1.Id, CreatedAt = _now };
        var schoolAgenda = new Modules.Agenda.Data.AgendaCalendar { Kind = Modules.Agenda.Data.AgendaKind.School, OwnerId = schoolId, CreatedAt = _now };
        var groupAgenda = new Modules.Agenda.Data.AgendaCalendar { Kind = Modules.Agenda.Data.AgendaKind.Group, OwnerId = groupId, CreatedAt = _now };
        db.Agendas.AddRange(classAgenda, schoolAgenda, groupAgenda);
        var today = Platform.Time.ParisDate.Today(time);
        var monday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
        Modules.Agenda.Data.AgendaEvent Event(Guid agendaId, Guid author, string title, string? place, DateOnly day, int fromHour, int toHour, DateOnly? weeklyUntil = null) => new()
        {
            AgendaId = agendaId, AuthorId = author, Title = title, Place = place,
            StartsAt = Platform.Time.ParisDate.ToUtc(day.ToDateTime(new TimeOnly(fromHour, 0))),
            EndsAt = Platform.Time.ParisDate.ToUtc(day.ToDateTime(new TimeOnly(toHour, 0))),
            RepeatUntil = weeklyUntil, CreatedAt = _now, UpdatedAt = _now,
        };
        db.AgendaEvents.AddRange(
            Event(classAgenda.Id, teacherId, "Piscine", "Centre nautique de Vesoul", monday.AddDays(1), 14, 15, monday.AddDays(1 + 7 * 8)),
            Event(classAgenda.Id, teacherId, "Sortie au musée Georges-Garret", "Vesoul", monday.AddDays(10), 9, 12),
            Event(schoolAgenda.Id, directorId, "Conseil d'école", "Salle polyvalente", monday.AddDays(15), 18, 20),
            Event(groupAgenda.Id, teacherId, "Rencontre lecture à la médiathèque", "Médiathèque de Vesoul", monday.AddDays(17), 10, 11));
        var (holidays, _) = Modules.Agenda.Holidays.HolidayStore.ParseCsv(Modules.Agenda.Holidays.HolidayStore.ShippedCsv());
        db.AgendaHolidays.AddRange(holidays);
        db.AgendaSettings.Add(new Modules.Agenda.Data.AgendaSettings { Zone = "A", HolidaysUpdatedAt = _now });
    }
}
