using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Preau.IntegrationTests.Albums;
using Preau.IntegrationTests.Forums;
using Preau.IntegrationTests.Homework;
using Preau.IntegrationTests.Infrastructure;
using Preau.Web.Modules.Home.Newness;
using Preau.Web.Modules.People.Data;
using SkiaSharp;

namespace Preau.IntegrationTests.Home;

/// <summary>The home page's counts of what appeared in each space since the person last opened that service there.</summary>
public sealed class NewSinceLastVisitTests(TestApp app)
{
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

    private async Task<UserSession> SignInAsync(TestAccount who)
    {
        var session = app.NewSession();
        await session.LoginAsync(who.Login, who.Password);
        return session;
    }

    /// <summary>The count on a service's tile of the space whose title contains <paramref name="space"/>, or null.</summary>
    private static async Task<string?> CountAsync(UserSession who, string space, string service)
    {
        var (status, home) = await who.GetPageAsync("/");
        Assert.Equal(HttpStatusCode.OK, status);
        var card = home.QuerySelectorAll("li.space").FirstOrDefault(c => c.QuerySelector("h2")?.TextContent.Contains(space, StringComparison.Ordinal) == true
            || c.TextContent.Contains(space, StringComparison.Ordinal));
        Assert.NotNull(card);
        return card.QuerySelector($"a.service[data-service={service}] .count")?.TextContent.Trim();
    }

    /// <summary>Publishes an article on the class's blog (through its tile); answers the blog's address.</summary>
    internal static async Task<string> PublishAsync(UserSession teacher, Guid classId, string title)
    {
        using var tile = await teacher.GetAsync($"/classe/{classId}/blog");
        var blog = tile.Headers.Location!.OriginalString;
        using var response = await teacher.SubmitAsync($"{blog}/ecrire", [("Input.Title", title), ("Input.Body", "Les radis ont poussé."), ("Input.Intent", "publish")]);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return blog;
    }

    private Task FlushVisitsAsync() => app.WithDbAsync(db => app.Services.GetRequiredService<VisitMarks>().FlushAsync(db));

    [DbFact]
    public async Task Parent_SeesWhatIsNewInTheChildsClass_UntilOpeningEachService()
    {
        var s = await app.NewSchoolAsync();
        using var teacher = await SignInAsync(s.TeacherA);
        await PublishAsync(teacher, s.ClassA.Id, $"Notre potager {s.Tag}");
        await HomeworkTests.WriteAsync(app, teacher, s.ClassA.Id, $"Lire la page 3 {s.Tag}");
        await ForumTests.CreateTopicAsync(teacher, $"/classe/{s.ClassA.Id}/forum", $"Sortie {s.Tag}", "Qui vient au musée ?");
        using var parent = await SignInAsync(s.GuardianA);

        Assert.Equal("1 nouvel article", await CountAsync(parent, "EleveA", "blog"));
        Assert.Equal("1 nouveauté", await CountAsync(parent, "EleveA", "cahier-de-textes"));
        Assert.Equal("1 nouveau message", await CountAsync(parent, "EleveA", "forum"));
        // The teacher made them: nothing is new for her; the other class sees nothing of class A.
        Assert.Null(await CountAsync(teacher, s.ClassA.Name, "blog"));
        using var pupilB = await SignInAsync(s.PupilB);
        Assert.Null(await CountAsync(pupilB, s.ClassB.Name, "blog"));
        Assert.Null(await CountAsync(pupilB, s.ClassB.Name, "forum"));

        // Opening the blog from its tile and the cahier de textes clears their counts at once; the forum's stays.
        Assert.Equal(HttpStatusCode.Redirect, (await parent.GetAsync($"/classe/{s.ClassA.Id}/blog")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await parent.GetAsync($"/classe/{s.ClassA.Id}/cahier-de-textes")).StatusCode);
        Assert.Null(await CountAsync(parent, "EleveA", "blog"));
        Assert.Null(await CountAsync(parent, "EleveA", "cahier-de-textes"));
        Assert.Equal("1 nouveau message", await CountAsync(parent, "EleveA", "forum"));

        // Once written, the visits still hold; what comes after them is new again.
        await FlushVisitsAsync();
        Assert.True(await app.WithDbAsync(db => db.VisitMarks.AnyAsync(v => v.PersonId == s.GuardianA.Id && v.Service == "blog" && v.ScopeId == s.ClassA.Id)));
        Assert.Null(await CountAsync(parent, "EleveA", "blog"));
        await PublishAsync(teacher, s.ClassA.Id, $"La kermesse {s.Tag}");
        await PublishAsync(teacher, s.ClassA.Id, $"Le carnaval {s.Tag}");
        Assert.Equal("2 nouveaux articles", await CountAsync(parent, "EleveA", "blog"));
    }

    [DbFact]
    public async Task Parent_OpeningAnArticleFromItsOwnAddress_ClearsTheBlogsCount_ButAnotherClasssBlogDoesNot()
    {
        var s = await app.NewSchoolAsync();
        using var teacher = await SignInAsync(s.TeacherA);
        var blog = await PublishAsync(teacher, s.ClassA.Id, $"Premier article {s.Tag}");
        using var parent = await SignInAsync(s.GuardianA);
        Assert.Equal(HttpStatusCode.Redirect, (await parent.GetAsync($"/classe/{s.ClassA.Id}/blog")).StatusCode);
        await FlushVisitsAsync();
        await PublishAsync(teacher, s.ClassA.Id, $"La fête de l'école {s.Tag}");
        Assert.Equal("1 nouvel article", await CountAsync(parent, "EleveA", "blog"));

        // A platform blog of another class read by the parent marks nothing on their child's class.
        using var teacherB = await SignInAsync(s.TeacherB);
        var other = await PublishAsync(teacherB, s.ClassB.Id, $"Chez les voisins {s.Tag}");
        await app.WithDbAsync(db => db.Blogs.Where(b => "/blogs/" + b.Slug == other)
            .ExecuteUpdateAsync(u => u.SetProperty(b => b.Visibility, Preau.Web.Modules.Blogs.Data.BlogVisibility.Platform)));
        Assert.Equal(HttpStatusCode.OK, (await parent.GetPageAsync(other)).Status);
        await FlushVisitsAsync();
        Assert.Equal("1 nouvel article", await CountAsync(parent, "EleveA", "blog"));

        // The article's own address (a notification's link): the count goes, as by the tile.
        var slug = await app.WithDbAsync(db => db.BlogArticles.Where(a => a.Title == $"La fête de l'école {s.Tag}").Select(a => a.Slug).SingleAsync());
        Assert.Equal(HttpStatusCode.OK, (await parent.GetPageAsync($"{blog}/{slug}")).Status);
        Assert.Null(await CountAsync(parent, "EleveA", "blog"));
    }

    [DbFact]
    public async Task Teacher_IsToldOfWorkHandedIn_AndFamiliesOfTheHomework()
    {
        var s = await app.NewSchoolAsync();
        using var teacher = await SignInAsync(s.TeacherA);
        var entry = await HomeworkTests.WriteAsync(app, teacher, s.ClassA.Id, $"Dessin du potager {s.Tag}", handIn: true);
        using var pupil = await SignInAsync(s.PupilA);
        Assert.Equal("1 nouveauté", await CountAsync(pupil, s.ClassA.Name, "cahier-de-textes"));
        var upload = await pupil.SubmitMultipartAsync($"/cahier-de-textes/{entry}", "form.upload-form", [], [("work", "dessin.pdf", Pdf)]);
        Assert.Equal(HttpStatusCode.Redirect, upload.StatusCode);

        Assert.Equal("1 nouveau travail rendu", await CountAsync(teacher, s.ClassA.Name, "cahier-de-textes"));
        using var teacherB = await SignInAsync(s.TeacherB);
        Assert.Null(await CountAsync(teacherB, s.ClassB.Name, "cahier-de-textes"));

        Assert.Equal(HttpStatusCode.OK, (await teacher.GetAsync($"/classe/{s.ClassA.Id}/cahier-de-textes")).StatusCode);
        await FlushVisitsAsync();
        Assert.Null(await CountAsync(teacher, s.ClassA.Name, "cahier-de-textes"));
    }

    [DbFact]
    public async Task Documents_Count_ButARefusedVisitClearsNothing()
    {
        var s = await app.NewSchoolAsync();
        using var teacher = await SignInAsync(s.TeacherA);
        var space = $"/classe/{s.ClassA.Id}/documents";
        var uploaded = await teacher.SubmitMultipartAsync(space, "#doc-upload", [], [("files", $"menu-{s.Tag}.pdf", Pdf)]);
        Assert.Equal(HttpStatusCode.Redirect, uploaded.StatusCode);
        using var parent = await SignInAsync(s.GuardianA);
        Assert.Equal("1 nouveau document", await CountAsync(parent, "EleveA", "documents"));

        // Another class's documents are refused to this parent: that visit is not recorded anywhere.
        Assert.Equal(HttpStatusCode.NotFound, (await parent.GetAsync($"/classe/{s.ClassB.Id}/documents")).StatusCode);
        await FlushVisitsAsync();
        Assert.False(await app.WithDbAsync(db => db.VisitMarks.AnyAsync(v => v.PersonId == s.GuardianA.Id)));
        Assert.Equal("1 nouveau document", await CountAsync(parent, "EleveA", "documents"));

        Assert.Equal(HttpStatusCode.OK, (await parent.GetAsync(space)).StatusCode);
        Assert.Null(await CountAsync(parent, "EleveA", "documents"));
    }

    [DbFact]
    public async Task PhotoOfAPupilWithoutAuthorisation_IsNotCountedForFamilies()
    {
        var s = await app.NewSchoolAsync();
        using var teacher = await SignInAsync(s.TeacherA);
        var created = await teacher.SubmitAsync($"/classe/{s.ClassA.Id}/albums", [new("Input.Title", $"Carnaval {s.Tag}")], "#create-album");
        var album = created.Headers.Location!.OriginalString;
        var upload = await teacher.SubmitMultipartAsync(album, "#album-upload", [],
            [("photos", "a.jpg", AlbumTests.Jpeg(64, 48, SKColors.Red)), ("photos", "b.jpg", AlbumTests.Jpeg(64, 48, SKColors.Red))]);
        Assert.Equal(HttpStatusCode.Redirect, upload.StatusCode);
        var albumId = Guid.Parse(album[^36..]);
        var tagged = await app.WithDbAsync(db => db.AlbumPhotos.Where(p => p.AlbumId == albumId).OrderBy(p => p.Position).Select(p => p.Id).FirstAsync());
        // Tagged with a pupil whose photo authorisation is not recorded: for the class's staff only.
        var saved = await teacher.SubmitAsync($"{album}/photos/{tagged}", [new("pupils", s.PupilA.Id.ToString()), new("caption", "Le groupe")], "#photo-tags");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        using var parent = await SignInAsync(s.GuardianA);
        Assert.Equal("1 nouvelle photo", await CountAsync(parent, "EleveA", "albums"));
        // The authorisation recorded (by the office, or an ONDE import): the photo counts for families from the next page on.
        await app.WithDbAsync(async db =>
        {
            var pupil = await db.Persons.SingleAsync(p => p.Id == s.PupilA.Id);
            pupil.PhotoAllowed = true;
            await db.SaveChangesAsync();
        });
        Assert.Equal("2 nouvelles photos", await CountAsync(parent, "EleveA", "albums"));
        // The class's ATSEM sees every photo, so both count.
        var people = new PeopleBatch(app, s.Tag);
        var atsem = people.Adult("Atsem");
        people.Member(atsem, Role.SchoolStaff, ScopeType.Class, s.ClassA.Id);
        await app.WithDbAsync(people.SaveAsync);
        using var staff = await SignInAsync(atsem);
        Assert.Equal("2 nouvelles photos", await CountAsync(staff, s.ClassA.Name, "albums"));
    }

    [Fact]
    public void OnlyTheAddressOfAServiceOfASpace_IsAVisit()
    {
        var id = Guid.NewGuid();
        Assert.Equal(("blog", id), VisitMarking.Parse($"/classe/{id}/blog"));
        Assert.Equal(("albums", id), VisitMarking.Parse($"/ecole/{id}/albums/"));
        Assert.Equal(("cahier-de-textes", id), VisitMarking.Parse($"/groupe/{id}/cahier-de-textes"));
        Assert.Null(VisitMarking.Parse($"/classe/{id}/liaison"));
        Assert.Null(VisitMarking.Parse($"/classe/{id}/documents/dossier"));
        Assert.Null(VisitMarking.Parse($"/personne/{id}/blog"));
        Assert.Null(VisitMarking.Parse("/classe/pas-un-identifiant-de-classe-valide-0000/blog"));
    }
}
