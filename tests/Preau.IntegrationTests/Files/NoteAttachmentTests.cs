using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Preau.IntegrationTests.Infrastructure;
using Preau.Web.Modules.Files.Contracts;
using Preau.Web.Modules.LiaisonBook.Attachments;
using Preau.Web.Modules.People.Data;
using SkiaSharp;

namespace Preau.IntegrationTests.Files;

/// <summary>The files service through the cahier de liaison: attach on writing, read as a recipient, refused otherwise.</summary>
public sealed class NoteAttachmentTests(TestApp app)
{
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

    private static async Task<UserSession> SignInAsync(TestApp app, TestAccount who)
    {
        var session = app.NewSession();
        await session.LoginAsync(who.Login, who.Password);
        return session;
    }

    private static async Task<TestAccount> AddGuardianAsync(TestApp app, Guid pupilId)
    {
        var people = new PeopleBatch(app, SchoolBuilder.NewTag());
        var guardian = people.Adult("Parent", email: true);
        people.Links.Add(new GuardianLink { GuardianId = guardian.Id, PupilId = pupilId, Relationship = Relationship.Mother });
        await app.WithDbAsync(people.SaveAsync);
        return guardian;
    }

    private static Task<HttpResponseMessage> WriteAsync(UserSession teacher, Guid classId, string title, params (string Name, byte[] Content)[] files) =>
        teacher.SubmitMultipartAsync($"/classe/{classId}/liaison/nouvelle", "form#new-note",
            [("Input.Title", title), ("Input.Body", "Texte du mot " + title), ("Input.Recipients", "classe")],
            files.Select(f => ("Input.Attachments", f.Name, f.Content)));

    private Task<Guid?> NoteIdAsync(string title) =>
        app.WithDbAsync(db => db.LiaisonNotes.Where(n => n.Title == title).Select(n => (Guid?)n.Id).SingleOrDefaultAsync());

    private async Task<List<(Guid Id, string Name)>> FilesOfAsync(Guid noteId)
    {
        var rows = await app.WithDbAsync(db => db.FilesStored.Where(f => f.OwnerId == noteId).OrderBy(f => f.Name).Select(f => new { f.Id, f.Name }).ToListAsync());
        return [.. rows.Select(r => (r.Id, r.Name))];
    }

    [DbFact]
    public async Task TeacherAttachesFiles_RecipientParentDownloadsThem_OthersGet404()
    {
        var school = await app.NewSchoolAsync();
        using var teacher = await SignInAsync(app, school.TeacherA);
        var title = $"Sortie {school.Tag}";
        var text = Encoding.UTF8.GetBytes("Liste des affaires : gourde, casquette, goûter.\n");
        var written = await WriteAsync(teacher, school.ClassA.Id, title, ("Autorisation sortie été.pdf", Pdf), ("affaires.txt", text));
        Assert.Equal(HttpStatusCode.Redirect, written.StatusCode);
        var noteId = (await NoteIdAsync(title))!.Value;
        var files = await FilesOfAsync(noteId);
        Assert.Equal(["Autorisation sortie été.pdf", "affaires.txt"], files.Select(f => f.Name).ToArray());
        var pdfId = files[0].Id;

        using var parent = await SignInAsync(app, school.GuardianA);
        var (_, page) = await parent.GetPageAsync($"/liaison/{noteId}");
        var links = page.QuerySelectorAll(".note-attachments a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains($"/fichiers/{pdfId}", links);
        Assert.Contains("Autorisation sortie été.pdf", page.QuerySelector(".note-attachments")!.TextContent);

        using var download = await parent.GetAsync($"/fichiers/{pdfId}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(Pdf, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal("application/pdf", download.Content.Headers.ContentType!.MediaType);
        var disposition = download.Content.Headers.ContentDisposition!;
        Assert.Equal("attachment", disposition.DispositionType);
        Assert.Equal("Autorisation sortie été.pdf", disposition.FileNameStar);
        Assert.Contains("nosniff", download.Headers.GetValues("X-Content-Type-Options"));
        using var txt = await parent.GetAsync($"/fichiers/{files[1].Id}");
        Assert.Equal(text, await txt.Content.ReadAsByteArrayAsync());
        Assert.Equal("text/plain; charset=utf-8", txt.Content.Headers.ContentType!.ToString());

        using var director = await SignInAsync(app, school.Director);
        Assert.Equal(HttpStatusCode.OK, (await director.GetAsync($"/fichiers/{pdfId}")).StatusCode);

        var otherParent = await AddGuardianAsync(app, school.PupilB.Id);
        using var stranger = await SignInAsync(app, otherParent);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/fichiers/{pdfId}")).StatusCode);
        using var teacherB = await SignInAsync(app, school.TeacherB);
        Assert.Equal(HttpStatusCode.NotFound, (await teacherB.GetAsync($"/fichiers/{pdfId}")).StatusCode);
        using var pupil = await SignInAsync(app, school.PupilA);
        Assert.Equal(HttpStatusCode.NotFound, (await pupil.GetAsync($"/fichiers/{pdfId}")).StatusCode);
        using var anonymous = app.NewSession();
        Assert.NotEqual(HttpStatusCode.OK, (await anonymous.GetAsync($"/fichiers/{pdfId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await parent.GetAsync($"/fichiers/{Guid.NewGuid()}")).StatusCode);
    }

    [DbFact]
    public async Task FileAlreadyDownloaded_ComesBackAs304WithoutItsBytes_ButOnlyAfterTheAccessCheck()
    {
        var school = await app.NewSchoolAsync();
        using var teacher = await SignInAsync(app, school.TeacherA);
        var title = $"Photos {school.Tag}";
        Assert.Equal(HttpStatusCode.Redirect, (await WriteAsync(teacher, school.ClassA.Id, title, ("menu.pdf", Pdf))).StatusCode);
        var fileId = (await FilesOfAsync((await NoteIdAsync(title))!.Value)).Single().Id;

        using var parent = await SignInAsync(app, school.GuardianA);
        using var first = await parent.GetAsync($"/fichiers/{fileId}");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var etag = first.Headers.ETag;
        Assert.NotNull(etag);
        Assert.Contains("no-cache", first.Headers.CacheControl!.ToString());

        using var again = new HttpRequestMessage(HttpMethod.Get, $"/fichiers/{fileId}");
        again.Headers.IfNoneMatch.Add(etag);
        using var revalidated = await parent.Client.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, revalidated.StatusCode);
        Assert.Empty(await revalidated.Content.ReadAsByteArrayAsync());

        // Knowing the tag opens nothing: someone else is still refused.
        using var teacherB = await SignInAsync(app, school.TeacherB);
        using var guess = new HttpRequestMessage(HttpMethod.Get, $"/fichiers/{fileId}");
        guess.Headers.IfNoneMatch.Add(etag);
        Assert.Equal(HttpStatusCode.NotFound, (await teacherB.Client.SendAsync(guess)).StatusCode);
    }

    [DbFact]
    public async Task JpegWithGpsExif_IsServedWithoutAnyMetadata_UprightAndInline()
    {
        var school = await app.NewSchoolAsync();
        using var teacher = await SignInAsync(app, school.TeacherA);
        var title = $"Photo {school.Tag}";
        var jpeg = JpegWithExif(64, 48);
        Assert.True(Contains(jpeg, "Exif\0\0"u8.ToArray()));
        // The name claims PNG: the content decides, and the extension follows it.
        var written = await WriteAsync(teacher, school.ClassA.Id, title, ("IMG_2041.png", jpeg));
        Assert.Equal(HttpStatusCode.Redirect, written.StatusCode);
        var file = Assert.Single(await FilesOfAsync((await NoteIdAsync(title))!.Value));
        Assert.Equal("IMG_2041.jpg", file.Name);

        using var parent = await SignInAsync(app, school.GuardianA);
        using var response = await parent.GetAsync($"/fichiers/{file.Id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/jpeg", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("inline", response.Content.Headers.ContentDisposition!.DispositionType);
        var served = await response.Content.ReadAsByteArrayAsync();
        Assert.False(Contains(served, "Exif"u8.ToArray()));
        Assert.False(Contains(served, "PreauCam"u8.ToArray()));
        Assert.False(Contains(served, [0xFF, 0xE1]), "no APP1 segment");
        using var decoded = SKBitmap.Decode(served);
        // EXIF orientation 6 (rotate 90°) applied to the pixels before the tag was dropped.
        Assert.Equal((48, 64), (decoded.Width, decoded.Height));
    }

    [DbTheory]
    [InlineData("html")]
    [InlineData("elf")]
    [InlineData("mz")]
    public async Task FakeJpeg_IsRefusedInFrench_NoteNotSent_TextKept(string kind)
    {
        var school = await app.NewSchoolAsync();
        using var teacher = await SignInAsync(app, school.TeacherA);
        var title = $"Piège {kind} {school.Tag}";
        var (content, message) = kind switch
        {
            "html" => ("<!DOCTYPE html><html><script>alert(1)</script></html>"u8.ToArray(), "page web (HTML)"),
            "elf" => (new byte[] { 0x7F, 0x45, 0x4C, 0x46, 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0 }, "programme exécutable"),
            _ => ("MZ\x90\0\x03\0\0\0This program cannot be run in DOS mode"u8.ToArray(), "programme exécutable"),
        };
        var response = await WriteAsync(teacher, school.ClassA.Id, title, ("photo.jpg", Pdf), ("vacances.jpg", content));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        var shown = await UserSession.TextAsync(response);
        Assert.Contains("« vacances.jpg »", shown);
        Assert.Contains(message, shown);
        Assert.Contains("Le mot n'a pas été envoyé", shown);
        var doc = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html);
        Assert.Equal(title, doc.QuerySelector("#Input_Title")!.GetAttribute("value"));
        Assert.Equal("Texte du mot " + title, doc.QuerySelector("#Input_Body")!.TextContent);
        Assert.Null(await NoteIdAsync(title));
        // The PDF accepted before the refusal was not kept either.
        Assert.Equal(0, await app.WithDbAsync(db => db.FilesStored.CountAsync(f => f.ScopeId == school.ClassA.Id)));
    }

    [DbFact]
    public async Task FileOverTheSizeLimit_IsRefusedInFrench()
    {
        var school = await app.NewSchoolAsync();
        using var teacher = await SignInAsync(app, school.TeacherA);
        var tooBig = new byte[10 * 1024 * 1024 + 1];
        Array.Fill(tooBig, (byte)'a');
        var response = await WriteAsync(teacher, school.ClassA.Id, $"Gros {school.Tag}", ("gros.txt", tooBig));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("« gros.txt » dépasse la taille maximale de 10 Mo par fichier.", await UserSession.TextAsync(response));
        Assert.Null(await NoteIdAsync($"Gros {school.Tag}"));
    }

    [DbFact]
    public async Task ClassQuotaExceeded_IsRefusedInFrench_UsageShownToTeachers()
    {
        // The test configuration sets the class quota to 300 000 bytes.
        var school = await app.NewSchoolAsync();
        using var teacher = await SignInAsync(app, school.TeacherA);
        var big = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("Ligne de texte pour remplir l'espace.\n", 3500)));
        Assert.Equal(HttpStatusCode.Redirect, (await WriteAsync(teacher, school.ClassA.Id, $"Un {school.Tag}", ("a.txt", big), ("b.txt", big))).StatusCode);

        var (_, classPage) = await teacher.GetPageAsync($"/classe/{school.ClassA.Id}/liaison");
        Assert.Contains("Espace utilisé par les pièces jointes de la classe", classPage.QuerySelector("#files-usage")!.TextContent);
        Assert.Contains("260 ko sur 293 ko", classPage.QuerySelector("#files-usage")!.TextContent);

        var refused = await WriteAsync(teacher, school.ClassA.Id, $"Deux {school.Tag}", ("c.txt", big));
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("l'espace disponible est épuisé", await UserSession.TextAsync(refused));
        Assert.Null(await NoteIdAsync($"Deux {school.Tag}"));
        // Class B has its own space.
        using var teacherB = await SignInAsync(app, school.TeacherB);
        Assert.Equal(HttpStatusCode.Redirect, (await WriteAsync(teacherB, school.ClassB.Id, $"Trois {school.Tag}", ("c.txt", big))).StatusCode);
    }

    [DbFact]
    public async Task DirectorsNoteToSeveralClasses_CarriesAttachments_CountedAgainstTheSchool()
    {
        var school = await app.NewSchoolAsync();
        using var director = await SignInAsync(app, school.Director);
        var title = $"Kermesse {school.Tag}";
        var written = await director.SubmitMultipartAsync($"/ecole/{school.School.Id}/liaison/nouvelle", "form#new-school-note",
            [("Input.Title", title), ("Input.Body", "Programme joint."), ("Input.ClassIds", school.ClassA.Id.ToString()), ("Input.ClassIds", school.ClassB.Id.ToString())],
            [("Input.Attachments", "programme.pdf", Pdf)]);
        Assert.Equal(HttpStatusCode.Redirect, written.StatusCode);
        var file = Assert.Single(await FilesOfAsync((await NoteIdAsync(title))!.Value));
        var scope = await app.WithDbAsync(db => db.FilesStored.Where(f => f.Id == file.Id).Select(f => new { f.ScopeType, f.ScopeId }).SingleAsync());
        Assert.Equal((QuotaScopeType.School, school.School.Id), (scope.ScopeType, scope.ScopeId));

        var parentB = await AddGuardianAsync(app, school.PupilB.Id);
        using var parent = await SignInAsync(app, parentB);
        using var response = await parent.GetAsync($"/fichiers/{file.Id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Pdf, await response.Content.ReadAsByteArrayAsync());
    }

    [DbFact]
    public async Task DeletingTheOwnersFiles_RemovesTheContentFromTheStore()
    {
        var school = await app.NewSchoolAsync();
        using var teacher = await SignInAsync(app, school.TeacherA);
        var title = $"Effacé {school.Tag}";
        Assert.Equal(HttpStatusCode.Redirect, (await WriteAsync(teacher, school.ClassA.Id, title, ("doc.pdf", Pdf))).StatusCode);
        var noteId = (await NoteIdAsync(title))!.Value;
        var file = Assert.Single(await FilesOfAsync(noteId));
        var key = await app.WithDbAsync(db => db.FilesStored.Where(f => f.Id == file.Id).Select(f => f.StorageKey).SingleAsync());
        var store = app.Services.GetRequiredService<IFileStore>();
        await using (var before = await store.OpenReadAsync(key))
        {
            Assert.NotNull(before);
        }

        using (var scope = app.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<IFileService>().DeleteOwnerAsync(NoteAttachments.Purpose, noteId);
        }

        Assert.Null(await store.OpenReadAsync(key));
        using var parent = await SignInAsync(app, school.GuardianA);
        Assert.Equal(HttpStatusCode.NotFound, (await parent.GetAsync($"/fichiers/{file.Id}")).StatusCode);
    }

    private static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;

    /// <summary>A JPEG with an EXIF APP1 segment: camera make, orientation 6 (rotated) and a GPS position.</summary>
    internal static byte[] JpegWithExif(int width, int height)
    {
        using var bitmap = new SKBitmap(width, height);
        bitmap.Erase(SKColors.CornflowerBlue);
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Jpeg, 90);
        var jpeg = data.ToArray();

        var tiff = new List<byte>();
        void U16(int v) { tiff.Add((byte)(v >> 8)); tiff.Add((byte)v); }
        void U32(int v) { U16(v >> 16); U16(v & 0xFFFF); }
        void Entry(int tag, int type, int count, int value) { U16(tag); U16(type); U32(count); U32(value); }
        tiff.AddRange("MM"u8.ToArray()); U16(42); U32(8);
        // IFD0 at 8: Make (ASCII, 9 bytes at 50), Orientation = 6 (SHORT, left-justified), GPS IFD pointer (at 60).
        U16(3);
        Entry(0x010F, 2, 9, 50);
        U16(0x0112); U16(3); U32(1); U16(6); U16(0);
        Entry(0x8825, 4, 1, 60);
        U32(0);
        tiff.AddRange("PreauCam\0"u8.ToArray());
        tiff.Add(0);
        // GPS IFD at 60: latitude ref "N", latitude 48/1, 51/1, 2400/100 (three rationals at 90).
        U16(2);
        U16(0x0001); U16(2); U32(2); tiff.AddRange("N\0\0\0"u8.ToArray());
        Entry(0x0002, 5, 3, 90);
        U32(0);
        foreach (var (n, d) in new[] { (48, 1), (51, 1), (2400, 100) })
        {
            U32(n); U32(d);
        }
        var segment = new List<byte> { 0xFF, 0xE1 };
        var length = 2 + 6 + tiff.Count;
        segment.Add((byte)(length >> 8));
        segment.Add((byte)length);
        segment.AddRange("Exif\0\0"u8.ToArray());
        segment.AddRange(tiff);
        return [.. jpeg[..2], .. segment, .. jpeg[2..]];
    }
}
