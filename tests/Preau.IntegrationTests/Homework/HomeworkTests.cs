using System.IO.Compression;
using System.Net;
using System.Text;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Preau.IntegrationTests.Infrastructure;
using Preau.Web.Modules.Homework;
using Preau.Web.Modules.People.Data;

namespace Preau.IntegrationTests.Homework;

/// <summary>The cahier de textes over HTTP: who writes, who reads, the drop box and its deadline, the ZIP, the copy, the home block.</summary>
public sealed class HomeworkTests(TestApp app)
{
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");
    private static DateOnly Today => Preau.Web.Platform.Time.ParisDate.Today(TimeProvider.System);

    // What the pages call the next school day: « demain », or « lundi » on a Friday or a weekend.
    private static string NextDayHeading => HomeworkTime.NextSchoolDay(Today) == Today.AddDays(1) ? "À faire pour demain" : "À faire pour lundi";

    private static async Task<UserSession> SignInAsync(TestApp app, TestAccount who)
    {
        var session = app.NewSession();
        await session.LoginAsync(who.Login, who.Password);
        return session;
    }

    /// <summary>Another pupil of the class, with a guardian of their own.</summary>
    private static async Task<(TestAccount Pupil, TestAccount Guardian)> AddFamilyAsync(TestApp app, Guid classId, string name)
    {
        var people = new PeopleBatch(app, SchoolBuilder.NewTag());
        var pupil = people.Pupil(name);
        var guardian = people.Adult("Parent" + name, email: true);
        people.Member(pupil, Role.Pupil, ScopeType.Class, classId);
        people.Links.Add(new GuardianLink { GuardianId = guardian.Id, PupilId = pupil.Id, Relationship = Relationship.Father });
        await app.WithDbAsync(people.SaveAsync);
        return (pupil, guardian);
    }

    private static async Task<string> SubjectIdAsync(UserSession teacher, Guid classId, string subject = "Mathématiques")
    {
        var (status, doc) = await teacher.GetPageAsync($"/classe/{classId}/cahier-de-textes/nouveau");
        Assert.Equal(HttpStatusCode.OK, status);
        return doc.QuerySelectorAll("#Input_SubjectId option").First(o => o.TextContent == subject).GetAttribute("value")!;
    }

    internal static async Task<Guid> WriteAsync(TestApp app, UserSession teacher, Guid classId, string work, bool handIn = false, DateOnly? due = null,
        IEnumerable<(string, string)>? extra = null, IEnumerable<(string, string, byte[])>? files = null)
    {
        var subject = await SubjectIdAsync(teacher, classId);
        List<(string, string)> fields =
        [
            ("Input.Day", HomeworkTime.Iso(Today)), ("Input.SubjectId", subject), ("Input.Session", "Séance " + work), ("Input.Work", work),
            ("Input.DueOn", HomeworkTime.Iso(due ?? HomeworkTime.NextSchoolDay(Today))), ("Input.HandIn", handIn ? "true" : "false"), ("Input.DueTime", "18:00"),
            .. extra ?? [],
        ];
        var response = await teacher.SubmitMultipartAsync($"/classe/{classId}/cahier-de-textes/nouveau", "#new-entry", fields, files ?? []);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return await app.WithDbAsync(db => db.HomeworkEntries.Where(e => e.Work == work).Select(e => e.Id).SingleAsync());
    }

    private static Task<HttpResponseMessage> UploadAsync(UserSession who, Guid entryId, string fileName, Guid? pupilId = null) =>
        who.SubmitMultipartAsync($"/cahier-de-textes/{entryId}", pupilId is { } p ? $"#pupil-{p} form.upload-form" : "form.upload-form", [], [("work", fileName, Pdf)]);

    [DbFact]
    public async Task Teacher_WritesWork_PupilAndParentReadItForTomorrow_OnClassPageAndHome()
    {
        var school = await app.NewSchoolAsync();
        using var teacher = await SignInAsync(app, school.TeacherA);
        var work = $"Exercice 4 page 12 {school.Tag}";
        await WriteAsync(app, teacher, school.ClassA.Id, work);

        var (_, week) = await teacher.GetPageAsync($"/classe/{school.ClassA.Id}/cahier-de-textes");
        Assert.Contains(work, UserSession.Text(week));
        Assert.Contains("Mathématiques", UserSession.Text(week));

        using var pupil = await SignInAsync(app, school.PupilA);
        var (status, pupilPage) = await pupil.GetPageAsync($"/classe/{school.ClassA.Id}/cahier-de-textes");
        Assert.Equal(HttpStatusCode.OK, status);
        var todo = pupilPage.QuerySelector(".homework-todo")!.TextContent;
        Assert.Contains(NextDayHeading, todo);
        Assert.Contains(work, todo);
        Assert.Contains("Tu dois faire", UserSession.Text(pupilPage));

        using var parent = await SignInAsync(app, school.GuardianA);
        var (_, home) = await parent.GetPageAsync("/");
        var block = home.QuerySelector(".home-homework");
        Assert.NotNull(block);
        Assert.Contains(NextDayHeading, block.TextContent);
        Assert.Contains(work, block.TextContent);
        Assert.NotNull(home.QuerySelector($"a.service[data-service=cahier-de-textes][href='/classe/{school.ClassA.Id}/cahier-de-textes']"));

        // Another class's pupil reads nothing of it.
        using var other = await SignInAsync(app, school.PupilB);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/classe/{school.ClassA.Id}/cahier-de-textes")).StatusCode);
        Assert.DoesNotContain(work, UserSession.Text((await other.GetPageAsync("/")).Document));
    }

    [DbFact]
    public async Task OnlyTheClassTeacher_Writes_OtherTeacherParentAndPupilGet404()
    {
        var school = await app.NewSchoolAsync();
        var url = $"/classe/{school.ClassA.Id}/cahier-de-textes/nouveau";
        foreach (var who in new[] { school.TeacherB, school.GuardianA, school.PupilA })
        {
            using var session = await SignInAsync(app, who);
            Assert.Equal(HttpStatusCode.NotFound, (await session.GetAsync(url)).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await session.GetAsync($"/classe/{school.ClassA.Id}/cahier-de-textes/matieres")).StatusCode);
        }
        // A forged post by the other class's teacher, with a valid antiforgery token from their own class's form.
        using var teacherB = await SignInAsync(app, school.TeacherB);
        var subject = await SubjectIdAsync(teacherB, school.ClassB.Id);
        var (_, form) = await teacherB.GetPageAsync($"/classe/{school.ClassB.Id}/cahier-de-textes/nouveau");
        var token = ((IHtmlInputElement)form.QuerySelector("input[name=__RequestVerificationToken]")!).Value;
        var forged = await teacherB.Client.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["Input.Day"] = HomeworkTime.Iso(Today), ["Input.SubjectId"] = subject, ["Input.Work"] = "Intrus " + school.Tag,
            ["Input.DueOn"] = HomeworkTime.Iso(Today.AddDays(1)),
        }));
        Assert.Equal(HttpStatusCode.NotFound, forged.StatusCode);
        Assert.False(await app.WithDbAsync(db => db.HomeworkEntries.AnyAsync(e => e.Work == "Intrus " + school.Tag)));
    }

    [DbFact]
    public async Task WorkForChosenPupils_IsInvisibleToTheOtherFamilies()
    {
        var school = await app.NewSchoolAsync();
        var (pupil2, guardian2) = await AddFamilyAsync(app, school.ClassA.Id, "Deux");
        using var teacher = await SignInAsync(app, school.TeacherA);
        var work = $"Soutien lecture {school.Tag}";
        var entryId = await WriteAsync(app, teacher, school.ClassA.Id, work, extra: [("Input.Recipients", "eleves"), ("Input.PupilIds", pupil2.Id.ToString())]);

        using var parent2 = await SignInAsync(app, guardian2);
        Assert.Contains(work, UserSession.Text((await parent2.GetPageAsync($"/classe/{school.ClassA.Id}/cahier-de-textes")).Document));
        Assert.Contains(work, UserSession.Text((await parent2.GetPageAsync("/")).Document));
        Assert.Equal(HttpStatusCode.OK, (await parent2.GetAsync($"/cahier-de-textes/{entryId}")).StatusCode);

        foreach (var who in new[] { school.GuardianA, school.PupilA })
        {
            using var session = await SignInAsync(app, who);
            Assert.DoesNotContain(work, UserSession.Text((await session.GetPageAsync($"/classe/{school.ClassA.Id}/cahier-de-textes")).Document));
            Assert.DoesNotContain(work, UserSession.Text((await session.GetPageAsync("/")).Document));
            Assert.Equal(HttpStatusCode.NotFound, (await session.GetAsync($"/cahier-de-textes/{entryId}")).StatusCode);
        }
    }

    [DbFact]
    public async Task DropBox_PupilHandsIn_OnlyTeacherAndThatFamilyReadTheFile_TeacherComments()
    {
        var school = await app.NewSchoolAsync();
        var (pupil2, guardian2) = await AddFamilyAsync(app, school.ClassA.Id, "Deux");
        using var teacher = await SignInAsync(app, school.TeacherA);
        var entryId = await WriteAsync(app, teacher, school.ClassA.Id, $"Exposé sur l'eau {school.Tag}", handIn: true, due: Today.AddDays(3));

        using var pupil = await SignInAsync(app, school.PupilA);
        var uploaded = await UploadAsync(pupil, entryId, "mon exposé.pdf");
        Assert.Equal(HttpStatusCode.Redirect, uploaded.StatusCode);
        var (_, mine) = await pupil.GetPageAsync($"/cahier-de-textes/{entryId}");
        Assert.Contains("C'est rendu", UserSession.Text(mine));
        var fileUrl = mine.QuerySelector(".casier a[href^='/fichiers/']")!.GetAttribute("href")!;

        var (_, teacherView) = await teacher.GetPageAsync($"/cahier-de-textes/{entryId}");
        Assert.Contains("1 / 2 rendus", teacherView.QuerySelector(".handed-count")!.TextContent);
        Assert.Contains("1 / 2 rendus", UserSession.Text((await teacher.GetPageAsync($"/classe/{school.ClassA.Id}/cahier-de-textes")).Document));
        Assert.Equal(HttpStatusCode.OK, (await teacher.GetAsync(fileUrl)).StatusCode);

        using var parentA = await SignInAsync(app, school.GuardianA);
        var download = await parentA.GetAsync(fileUrl);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(Pdf, await download.Content.ReadAsByteArrayAsync());

        // Another family of the same class, and the other pupil, even with the address: 404; they do not see the file listed either.
        using var parent2 = await SignInAsync(app, guardian2);
        Assert.Equal(HttpStatusCode.NotFound, (await parent2.GetAsync(fileUrl)).StatusCode);
        Assert.DoesNotContain("mon exposé", UserSession.Text((await parent2.GetPageAsync($"/cahier-de-textes/{entryId}")).Document));
        using var otherPupil = await SignInAsync(app, pupil2);
        Assert.Equal(HttpStatusCode.NotFound, (await otherPupil.GetAsync(fileUrl)).StatusCode);
        using var teacherB = await SignInAsync(app, school.TeacherB);
        Assert.Equal(HttpStatusCode.NotFound, (await teacherB.GetAsync(fileUrl)).StatusCode);

        // A parent may hand in on a child's behalf, for their own child only.
        Assert.Equal(HttpStatusCode.Redirect, (await UploadAsync(parent2, entryId, "pour mon fils.pdf")).StatusCode);
        Assert.Contains("2 / 2 rendus", UserSession.Text((await teacher.GetPageAsync($"/cahier-de-textes/{entryId}")).Document));

        var comment = $"Très beau travail {school.Tag}";
        Assert.Equal(HttpStatusCode.Redirect, (await teacher.SubmitAsync($"/cahier-de-textes/{entryId}", [new("comment", comment)], $"#pupil-{school.PupilA.Id} form.comment-form")).StatusCode);
        Assert.Contains(comment, UserSession.Text((await pupil.GetPageAsync($"/cahier-de-textes/{entryId}")).Document));
        Assert.Contains(comment, UserSession.Text((await parentA.GetPageAsync($"/cahier-de-textes/{entryId}")).Document));
        Assert.DoesNotContain(comment, UserSession.Text((await parent2.GetPageAsync($"/cahier-de-textes/{entryId}")).Document));
    }

    [DbFact]
    public async Task DropBox_AfterTheDeadline_RefusesUploads_UntilTheTeacherReopens()
    {
        var school = await app.NewSchoolAsync();
        using var teacher = await SignInAsync(app, school.TeacherA);
        var entryId = await WriteAsync(app, teacher, school.ClassA.Id, $"Poème {school.Tag}", handIn: true);
        using var pupil = await SignInAsync(app, school.PupilA);
        var (_, open) = await pupil.GetPageAsync($"/cahier-de-textes/{entryId}");
        Assert.NotNull(open.QuerySelector("form.upload-form"));
        var token = ((IHtmlInputElement)open.QuerySelector("form.upload-form input[name=__RequestVerificationToken]")!).Value;

        // The deadline passes while the page is open.
        await app.WithDbAsync(db => db.HomeworkEntries.Where(e => e.Id == entryId).ExecuteUpdateAsync(u => u.SetProperty(e => e.DueAt, DateTime.UtcNow.AddMinutes(-1))));
        using (var late = new MultipartFormDataContent())
        {
            late.Add(new StringContent(token), "__RequestVerificationToken");
            late.Add(new StringContent(school.PupilA.Id.ToString()), "pupilId");
            late.Add(new ByteArrayContent(Pdf), "work", "en retard.pdf");
            Assert.Equal(HttpStatusCode.Redirect, (await pupil.Client.PostAsync($"/cahier-de-textes/{entryId}?handler=upload", late)).StatusCode);
        }
        var (_, refused) = await pupil.GetPageAsync($"/cahier-de-textes/{entryId}");
        Assert.Contains("La date de remise est passée", UserSession.Text(refused));
        Assert.Null(refused.QuerySelector("form.upload-form"));
        Assert.False(await app.WithDbAsync(db => db.HomeworkSubmissions.AnyAsync(s => s.EntryId == entryId)));

        Assert.Equal(HttpStatusCode.Redirect, (await teacher.SubmitAsync($"/cahier-de-textes/{entryId}", [], "#reopen-form")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await UploadAsync(pupil, entryId, "en retard.pdf")).StatusCode);
        Assert.Contains("1 / 1 rendus", UserSession.Text((await teacher.GetPageAsync($"/cahier-de-textes/{entryId}")).Document));
    }

    [DbFact]
    public async Task Zip_HasOneFolderPerPupil_WithTheirFiles()
    {
        var school = await app.NewSchoolAsync();
        var (pupil2, _) = await AddFamilyAsync(app, school.ClassA.Id, "Deux");
        using var teacher = await SignInAsync(app, school.TeacherA);
        var entryId = await WriteAsync(app, teacher, school.ClassA.Id, $"Frise {school.Tag}", handIn: true);
        using (var p1 = await SignInAsync(app, school.PupilA))
        {
            Assert.Equal(HttpStatusCode.Redirect, (await UploadAsync(p1, entryId, "frise.pdf")).StatusCode);
        }
        using (var p2 = await SignInAsync(app, pupil2))
        {
            Assert.Equal(HttpStatusCode.Redirect, (await UploadAsync(p2, entryId, "ma frise.pdf")).StatusCode);
        }

        var response = await teacher.GetAsync($"/cahier-de-textes/{entryId}?handler=zip");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        using var zip = new ZipArchive(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
        var names = zip.Entries.Select(e => e.FullName).Order().ToList();
        List<string> expected = [.. new[] { $"EleveA Test{school.Tag}/frise.pdf", $"Deux Test{Tag(pupil2)}/ma frise.pdf" }.Order()];
        Assert.Equal(expected, names);
        await using var content = await zip.GetEntry($"EleveA Test{school.Tag}/frise.pdf")!.OpenAsync();
        using var copy = new MemoryStream();
        await content.CopyToAsync(copy);
        Assert.Equal(Pdf, copy.ToArray());

        // Families do not get the ZIP.
        using var parent = await SignInAsync(app, school.GuardianA);
        Assert.Equal(HttpStatusCode.NotFound, (await parent.GetAsync($"/cahier-de-textes/{entryId}?handler=zip")).StatusCode);
    }

    private static string Tag(TestAccount pupil) => pupil.Login.Split('.')[0]["test".Length..];

    [DbFact]
    public async Task Copy_ToAnotherClassTheTeacherTeaches_CopiesTheDocuments()
    {
        var school = await app.NewSchoolAsync();
        await app.WithDbAsync(async db =>
        {
            db.Memberships.Add(new Membership { PersonId = school.TeacherA.Id, Role = Role.Teacher, ScopeType = ScopeType.Class, ScopeId = school.ClassB.Id, SchoolYearId = app.CurrentYearId });
            await db.SaveChangesAsync();
        });
        using var teacher = await SignInAsync(app, school.TeacherA);
        var work = $"Carte à compléter {school.Tag}";
        var entryId = await WriteAsync(app, teacher, school.ClassA.Id, work, files: [("Input.Attachments", "carte.pdf", Pdf)]);

        var copied = await teacher.SubmitAsync($"/cahier-de-textes/{entryId}", [new("targetClassId", school.ClassB.Id.ToString())], "#copy-form");
        Assert.Equal(HttpStatusCode.Redirect, copied.StatusCode);
        var copyId = await app.WithDbAsync(db => db.HomeworkEntries.Where(e => e.Work == work && e.ClassId == school.ClassB.Id).Select(e => e.Id).SingleAsync());

        using var pupilB = await SignInAsync(app, school.PupilB);
        Assert.Contains(work, UserSession.Text((await pupilB.GetPageAsync($"/classe/{school.ClassB.Id}/cahier-de-textes")).Document));
        var (_, detail) = await pupilB.GetPageAsync($"/cahier-de-textes/{copyId}");
        var doc = detail.QuerySelector(".homework-files a[href^='/fichiers/']");
        Assert.NotNull(doc);
        Assert.Equal("carte.pdf", doc.TextContent);
        Assert.Equal(Pdf, await (await pupilB.GetAsync(doc.GetAttribute("href")!)).Content.ReadAsByteArrayAsync());
        // The original document stays the first class's: the other class's pupil cannot read it.
        var (_, original) = await teacher.GetPageAsync($"/cahier-de-textes/{entryId}");
        Assert.Equal(HttpStatusCode.NotFound, (await pupilB.GetAsync(original.QuerySelector(".homework-files a")!.GetAttribute("href")!)).StatusCode);

        // The other class's teacher cannot copy into a class they do not teach.
        using var teacherB = await SignInAsync(app, school.TeacherB);
        Assert.Equal(HttpStatusCode.NotFound, (await teacherB.GetAsync($"/cahier-de-textes/{entryId}")).StatusCode);
    }

    [DbFact]
    public async Task ParentHome_QueriesDoNotGrowWithTheNumberOfChildren()
    {
        var school = await app.NewSchoolAsync();
        using var teacher = await SignInAsync(app, school.TeacherA);
        await WriteAsync(app, teacher, school.ClassA.Id, $"Dictée {school.Tag}");

        var people = new PeopleBatch(app, SchoolBuilder.NewTag());
        var parentOfThree = people.Adult("Parent3", email: true);
        for (var i = 0; i < 3; i++)
        {
            var child = people.Pupil($"Enfant{i}");
            people.Member(child, Role.Pupil, ScopeType.Class, i == 2 ? school.ClassB.Id : school.ClassA.Id);
            people.Links.Add(new GuardianLink { GuardianId = parentOfThree.Id, PupilId = child.Id, Relationship = Relationship.Mother });
        }
        await app.WithDbAsync(people.SaveAsync);

        using var one = await SignInAsync(app, school.GuardianA);
        using var three = await SignInAsync(app, parentOfThree);
        var (_, home) = await three.GetPageAsync("/");
        Assert.Equal(3, home.QuerySelectorAll(".home-homework .homework-child").Length);
        Assert.Equal(2, home.QuerySelectorAll(".home-homework .homework-child").Count(c => c.TextContent.Contains($"Dictée {school.Tag}")));
        // Not equal: a parent of one child may trigger a query a parent of three skips (an empty list), never more.
        var forOne = await one.QueryCountAsync("/");
        var forThree = await three.QueryCountAsync("/");
        Assert.True(forThree <= forOne, $"home of a parent of three: {forThree} queries, of one: {forOne}");
    }

    [DbFact]
    public async Task Subjects_SeededByLevel_TeacherAddsRenamesAndHides()
    {
        var school = await app.NewSchoolAsync();
        using var teacher = await SignInAsync(app, school.TeacherA);
        var subjectsUrl = $"/classe/{school.ClassA.Id}/cahier-de-textes/matieres";
        var (_, page) = await teacher.GetPageAsync(subjectsUrl);
        var names = page.QuerySelectorAll(".subject-form input[name=name]").Select(i => ((IHtmlInputElement)i).Value).ToList();
        Assert.Contains("Questionner le monde", names);                     // a CP class: cycle 2
        Assert.DoesNotContain("Histoire-géographie", names);
        using (var teacherB = await SignInAsync(app, school.TeacherB))
        {
            var (_, cm2) = await teacherB.GetPageAsync($"/classe/{school.ClassB.Id}/cahier-de-textes/matieres");
            Assert.Contains("Histoire-géographie", cm2.QuerySelectorAll(".subject-form input[name=name]").Select(i => ((IHtmlInputElement)i).Value));
        }

        Assert.Equal(HttpStatusCode.Redirect, (await teacher.SubmitAsync(subjectsUrl, [new("name", "Jardinage")], "#add-subject")).StatusCode);
        var music = page.QuerySelectorAll(".subject-form").First(f => ((IHtmlInputElement)f.QuerySelector("input[name=name]")!).Value == "Éducation musicale");
        var musicId = ((IHtmlInputElement)music.QuerySelector("input[name=subjectId]")!).Value;
        Assert.Equal(HttpStatusCode.Redirect, (await teacher.SubmitAsync(subjectsUrl, [new("subjectId", musicId), new("name", "Chant"), new("hidden", "false")], $"form.subject-form:has(input[value='{musicId}'])")).StatusCode);
        var french = page.QuerySelectorAll(".subject-form").First(f => ((IHtmlInputElement)f.QuerySelector("input[name=name]")!).Value == "Français");
        var frenchId = ((IHtmlInputElement)french.QuerySelector("input[name=subjectId]")!).Value;
        Assert.Equal(HttpStatusCode.Redirect, (await teacher.SubmitAsync(subjectsUrl, [new("subjectId", frenchId), new("name", "Français"), new("hidden", "true")], $"form.subject-form:has(input[value='{frenchId}'])")).StatusCode);

        var (_, form) = await teacher.GetPageAsync($"/classe/{school.ClassA.Id}/cahier-de-textes/nouveau");
        var offered = form.QuerySelectorAll("#Input_SubjectId option").Select(o => o.TextContent).ToList();
        Assert.Contains("Jardinage", offered);
        Assert.Contains("Chant", offered);
        Assert.DoesNotContain("Éducation musicale", offered);
        Assert.DoesNotContain("Français", offered);
    }

    [DbFact]
    public async Task PrintView_ShowsTheWeek_ForStaffOnly()
    {
        var school = await app.NewSchoolAsync();
        using var teacher = await SignInAsync(app, school.TeacherA);
        var work = $"Tables de 3 {school.Tag}";
        await WriteAsync(app, teacher, school.ClassA.Id, work, handIn: true);
        var url = $"/classe/{school.ClassA.Id}/cahier-de-textes/impression?semaine={HomeworkTime.Iso(Today)}";
        var (status, print) = await teacher.GetPageAsync(url);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains(work, print.QuerySelector(".homework-print table")!.TextContent);
        Assert.Contains("À rendre", print.QuerySelector(".homework-print table")!.TextContent);
        // Next week is empty, and the week navigation of the class page gets there.
        var (_, week) = await teacher.GetPageAsync($"/classe/{school.ClassA.Id}/cahier-de-textes");
        var next = week.QuerySelectorAll(".week-nav a").Last().GetAttribute("href")!;
        Assert.DoesNotContain(work, UserSession.Text((await teacher.GetPageAsync($"/classe/{school.ClassA.Id}/cahier-de-textes{next}")).Document));

        using var parent = await SignInAsync(app, school.GuardianA);
        Assert.Equal(HttpStatusCode.NotFound, (await parent.GetAsync(url)).StatusCode);
    }

    [DbFact]
    public async Task Teacher_CorrectsAnEntry_TheFamilySeesTheCorrection_OtherPeopleGet404()
    {
        var school = await app.NewSchoolAsync();
        using var teacher = await SignInAsync(app, school.TeacherA);
        var entryId = await WriteAsync(app, teacher, school.ClassA.Id, $"Exercice 3 page 21 {school.Tag}");
        var editUrl = $"/cahier-de-textes/{entryId}/modifier";

        var (status, form) = await teacher.GetPageAsync(editUrl);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal($"Exercice 3 page 21 {school.Tag}", form.QuerySelector("#Input_Work")!.TextContent);
        var subject = ((IHtmlSelectElement)form.QuerySelector("#Input_SubjectId")!).Value!;
        var fixedWork = $"Exercice 4 page 12 {school.Tag}";
        var saved = await teacher.SubmitMultipartAsync(editUrl, "#edit-entry",
        [
            ("Input.Day", HomeworkTime.Iso(Today)), ("Input.SubjectId", subject), ("Input.Work", fixedWork),
            ("Input.DueOn", HomeworkTime.Iso(HomeworkTime.NextSchoolDay(Today))), ("Input.HandIn", "false"), ("Input.Recipients", "classe"),
        ], []);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Contains("L'entrée est modifiée.", UserSession.Text((await teacher.GetPageAsync($"/cahier-de-textes/{entryId}")).Document));

        using var parent = await SignInAsync(app, school.GuardianA);
        var home = UserSession.Text((await parent.GetPageAsync("/")).Document);
        Assert.Contains(fixedWork, home);
        Assert.DoesNotContain("Exercice 3 page 21", home);

        foreach (var who in new[] { school.TeacherB, school.GuardianA, school.PupilA })
        {
            using var session = await SignInAsync(app, who);
            Assert.Equal(HttpStatusCode.NotFound, (await session.GetAsync(editUrl)).StatusCode);
        }
        // A forged post by the other class's teacher, with a token from their own form: 404 and nothing changes.
        using var teacherB = await SignInAsync(app, school.TeacherB);
        var (_, own) = await teacherB.GetPageAsync($"/classe/{school.ClassB.Id}/cahier-de-textes/nouveau");
        var token = ((IHtmlInputElement)own.QuerySelector("input[name=__RequestVerificationToken]")!).Value;
        var forged = await teacherB.Client.PostAsync(editUrl, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["Input.Day"] = HomeworkTime.Iso(Today), ["Input.SubjectId"] = subject, ["Input.Work"] = "Intrus",
            ["Input.DueOn"] = HomeworkTime.Iso(Today.AddDays(1)),
        }));
        Assert.Equal(HttpStatusCode.NotFound, forged.StatusCode);
        Assert.Equal(fixedWork, await app.WithDbAsync(db => db.HomeworkEntries.Where(e => e.Id == entryId).Select(e => e.Work).SingleAsync()));
    }

    [DbFact]
    public async Task Teacher_DeletesAnEntry_ButNotOnceWorkWasHandedIn_WhichStaysToHandIn()
    {
        var school = await app.NewSchoolAsync();
        using var teacher = await SignInAsync(app, school.TeacherA);
        var mistaken = await WriteAsync(app, teacher, school.ClassA.Id, $"Erreur de classe {school.Tag}");
        Assert.Equal(HttpStatusCode.Redirect, (await teacher.SubmitAsync($"/cahier-de-textes/{mistaken}", [], "#delete-entry")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await teacher.GetAsync($"/cahier-de-textes/{mistaken}")).StatusCode);

        var handIn = await WriteAsync(app, teacher, school.ClassA.Id, $"Exposé {school.Tag}", handIn: true, due: Today.AddDays(3));
        using (var pupil = await SignInAsync(app, school.PupilA))
        {
            Assert.Equal(HttpStatusCode.Redirect, (await UploadAsync(pupil, handIn, "exposé.pdf")).StatusCode);
        }
        using (var parent = await SignInAsync(app, school.GuardianA))
        {
            Assert.Equal(HttpStatusCode.NotFound, (await parent.GetAsync($"/cahier-de-textes/{handIn}/modifier")).StatusCode);
        }
        Assert.Equal(HttpStatusCode.Redirect, (await teacher.SubmitAsync($"/cahier-de-textes/{handIn}", [], "#delete-entry")).StatusCode);
        var (status, page) = await teacher.GetPageAsync($"/cahier-de-textes/{handIn}");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("l'entrée ne peut pas être supprimée", UserSession.Text(page));

        // Unticking « à rendre » is refused too, and the text typed is kept in the form.
        var subject = ((IHtmlSelectElement)(await teacher.GetPageAsync($"/cahier-de-textes/{handIn}/modifier")).Document.QuerySelector("#Input_SubjectId")!).Value!;
        var refused = await teacher.SubmitMultipartAsync($"/cahier-de-textes/{handIn}/modifier", "#edit-entry",
        [
            ("Input.Day", HomeworkTime.Iso(Today)), ("Input.SubjectId", subject), ("Input.Work", $"Exposé corrigé {school.Tag}"),
            ("Input.DueOn", HomeworkTime.Iso(Today.AddDays(3))), ("Input.HandIn", "false"), ("Input.Recipients", "classe"),
        ], []);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var body = await refused.Content.ReadAsStringAsync();
        Assert.Contains("il reste à rendre dans le casier", System.Net.WebUtility.HtmlDecode(body));
        Assert.Contains($"Exposé corrigé {school.Tag}", System.Net.WebUtility.HtmlDecode(body));
        Assert.True(await app.WithDbAsync(db => db.HomeworkEntries.Where(e => e.Id == handIn).Select(e => e.HandIn).SingleAsync()));
        Assert.Equal(1, await app.WithDbAsync(db => db.HomeworkSubmissions.CountAsync(s => s.EntryId == handIn)));
    }

    [DbFact]
    public async Task NewWork_ReachesThePupilsAndFamiliesFeeds_AndTheTeachersCommentReachesThePupil()
    {
        var school = await app.NewSchoolAsync();
        using var teacher = await SignInAsync(app, school.TeacherA);
        var entryId = await WriteAsync(app, teacher, school.ClassA.Id, $"Poème à apprendre {school.Tag}", handIn: true, due: Today.AddDays(3));

        using var parent = await SignInAsync(app, school.GuardianA);
        using var pupil = await SignInAsync(app, school.PupilA);
        foreach (var who in new[] { parent, pupil })
        {
            var feed = (await who.GetPageAsync("/notifications")).Document;
            Assert.Contains("Travail à rendre en Mathématiques", UserSession.Text(feed));
            // The item leads to the entry.
            var link = feed.QuerySelectorAll("a[href^='/notifications/']").First(a => a.TextContent.Contains("Travail à rendre")).GetAttribute("href")!;
            var opened = await who.GetAsync(link);
            Assert.Equal($"/cahier-de-textes/{entryId}", opened.Headers.Location?.OriginalString);
        }
        using (var otherPupil = await SignInAsync(app, school.PupilB))
        {
            Assert.DoesNotContain("Travail à rendre en Mathématiques", UserSession.Text((await otherPupil.GetPageAsync("/notifications")).Document));
        }

        Assert.Equal(HttpStatusCode.Redirect, (await UploadAsync(pupil, entryId, "poème.pdf")).StatusCode);
        var commented = await teacher.SubmitAsync($"/cahier-de-textes/{entryId}", [new("pupilId", school.PupilA.Id.ToString()), new("comment", "Très bien récité !")], "form.comment-form");
        Assert.Equal(HttpStatusCode.Redirect, commented.StatusCode);
        Assert.Contains("L'enseignant a commenté le travail rendu en Mathématiques", UserSession.Text((await pupil.GetPageAsync("/notifications")).Document));
    }
}
