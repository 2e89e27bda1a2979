using System.IO.Compression;
using System.Net;
using System.Text;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Preau.IntegrationTests.Infrastructure;
using Preau.Web.Modules.Documents.Data;
using Preau.Web.Modules.People.Data;

namespace Preau.IntegrationTests.Documents;

/// <summary>Documents spaces over HTTP against the real database: who reads and writes what, quota, trash, sharing, ZIP, paging.</summary>
public sealed class DocumentTests(TestApp app)
{
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n");

    private static byte[] Text(string s) => Encoding.UTF8.GetBytes(s);

    private async Task<UserSession> SignInAsync(TestAccount who)
    {
        var session = app.NewSession();
        await session.LoginAsync(who.Login, who.Password);
        return session;
    }

    private static Task<HttpResponseMessage> UploadAsync(UserSession who, string url, params (string Name, byte[] Content)[] files) =>
        who.SubmitMultipartAsync(url, "#doc-upload", [], files.Select(f => ("files", f.Name, f.Content)));

    /// <summary>Creates a folder through the page and answers its id.</summary>
    private async Task<Guid> CreateFolderAsync(UserSession who, string url, string name)
    {
        var response = await who.SubmitAsync(url, [new("Name", name)], "#create-folder");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return await app.WithDbAsync(db => db.DocFolders.Where(f => f.Name == name).OrderByDescending(f => f.CreatedAt).Select(f => f.Id).FirstAsync());
    }

    private Task<DocFile> FileNamedAsync(string name) =>
        app.WithDbAsync(db => db.DocFiles.AsNoTracking().Where(f => f.Name == name).OrderByDescending(f => f.CreatedAt).FirstAsync());

    /// <summary>A post with a valid antiforgery token (taken from the sign-out form every page has), for forms a person is not shown.</summary>
    private static async Task<HttpResponseMessage> ForcePostAsync(UserSession who, string pageUrl, string action, IEnumerable<(string Name, string FileName, byte[] Content)> files)
    {
        var (_, doc) = await who.GetPageAsync(pageUrl);
        var token = doc.QuerySelector("input[name=__RequestVerificationToken]") as IHtmlInputElement
            ?? throw new InvalidOperationException("no antiforgery token");
        using var content = new MultipartFormDataContent { { new StringContent(token.Value), "__RequestVerificationToken" }, { new StringContent("Intrus"), "Name" } };
        foreach (var (name, fileName, bytes) in files)
        {
            content.Add(new ByteArrayContent(bytes), name, fileName);
        }
        return await who.Client.PostAsync(action, content);
    }

    [DbFact]
    public async Task ClassDocument_IsNotFound_ForTheParentOfAnotherClass_EvenWithItsUrls()
    {
        var s = await app.NewSchoolAsync();
        using var teacherB = await SignInAsync(s.TeacherB);
        var space = $"/classe/{s.ClassB.Id}/documents";
        var folder = await CreateFolderAsync(teacherB, space, $"Sorties {s.Tag}");
        Assert.Equal(HttpStatusCode.Redirect, (await UploadAsync(teacherB, $"/documents/dossier/{folder}", ($"autorisation-{s.Tag}.pdf", Pdf))).StatusCode);
        var doc = await FileNamedAsync($"autorisation-{s.Tag}.pdf");
        var urls = new[]
        {
            space, $"/documents/dossier/{folder}", $"/documents/dossier/{folder}/zip", $"/documents/fichier/{doc.Id}",
            $"/documents/fichier/{doc.Id}/telecharger", $"/documents/fichier/{doc.Id}/apercu", $"/fichiers/{doc.StoredFileId}",
            $"/documents/partager/fichier/{doc.Id}", $"{space}/corbeille",
        };
        foreach (var url in urls)
        {
            Assert.Equal(HttpStatusCode.OK, (await teacherB.GetAsync(url)).StatusCode);
        }

        // Léa's mother is a parent of class A, the other teacher teaches class A: neither belongs to class B.
        foreach (var outsider in new[] { s.GuardianA, s.TeacherA, s.PupilA })
        {
            using var session = await SignInAsync(outsider);
            foreach (var url in urls)
            {
                Assert.Equal(HttpStatusCode.NotFound, (await session.GetAsync(url)).StatusCode);
            }
        }

        // The class's own pupil reads and previews it (the PDF inline, framed by the same origin only).
        using var pupilB = await SignInAsync(s.PupilB);
        using var preview = await pupilB.GetAsync($"/documents/fichier/{doc.Id}/apercu");
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        Assert.Equal("application/pdf", preview.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("inline", preview.Content.Headers.ContentDisposition?.ToString());
        Assert.Contains("frame-ancestors 'self'", string.Join(' ', preview.Headers.GetValues("Content-Security-Policy")));
    }

    [DbFact]
    public async Task Pupil_ReadsTheClassSpace_ButCannotUploadNorCreateFolders()
    {
        var s = await app.NewSchoolAsync();
        using var teacher = await SignInAsync(s.TeacherA);
        var space = $"/classe/{s.ClassA.Id}/documents";
        await UploadAsync(teacher, space, ($"lecture-{s.Tag}.txt", Text("Lire la page 12.")));

        using var pupil = await SignInAsync(s.PupilA);
        var (status, page) = await pupil.GetPageAsync(space);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains($"lecture-{s.Tag}.txt", page.QuerySelector(".doc-list")!.TextContent);
        Assert.Null(page.QuerySelector("#doc-upload"));
        Assert.Null(page.QuerySelector("#create-folder"));

        var upload = await ForcePostAsync(pupil, space, $"{space}?handler=upload", [("files", "pirate.txt", Text("coucou"))]);
        Assert.Equal(HttpStatusCode.NotFound, upload.StatusCode);
        var folder = await ForcePostAsync(pupil, space, $"{space}?handler=folder", []);
        Assert.Equal(HttpStatusCode.NotFound, folder.StatusCode);
        Assert.Equal(1, await app.WithDbAsync(db => db.DocFiles.CountAsync(f => f.SpaceId == s.ClassA.Id)));
        Assert.Equal(0, await app.WithDbAsync(db => db.DocFolders.CountAsync(f => f.SpaceId == s.ClassA.Id)));

        // A parent of the class reads too, and cannot write either.
        using var parent = await SignInAsync(s.GuardianA);
        var (_, parentPage) = await parent.GetPageAsync(space);
        Assert.Contains($"lecture-{s.Tag}.txt", parentPage.QuerySelector(".doc-list")!.TextContent);
        Assert.Null(parentPage.QuerySelector("#doc-upload"));
    }

    [DbFact]
    public async Task UploadOverTheQuota_IsRefusedWithAFrenchMessage_AndKeepsNothing()
    {
        var s = await app.NewSchoolAsync();
        using var teacher = await SignInAsync(s.TeacherA);
        var space = $"/classe/{s.ClassA.Id}/documents";
        // The test quota of a class is 300 kB: the first file fits, the second does not.
        var big = Text(new string('a', 200_000));
        Assert.Equal(HttpStatusCode.Redirect, (await UploadAsync(teacher, space, ("premier.txt", big))).StatusCode);

        var response = await UploadAsync(teacher, space, ("second.txt", big));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await UserSession.TextAsync(response);
        Assert.Contains("« second.txt » n'a pas été enregistré : l'espace disponible est épuisé", text);
        Assert.Equal(["premier.txt"], await app.WithDbAsync(db => db.DocFiles.Where(f => f.SpaceId == s.ClassA.Id).Select(f => f.Name).ToListAsync()));
        Assert.Equal(1, await app.WithDbAsync(db => db.FilesStored.CountAsync(f => f.ScopeId == s.ClassA.Id)));
        var (_, page) = await teacher.GetPageAsync(space);
        Assert.Contains("Espace utilisé : 195 ko sur 293 ko.", page.QuerySelector("#quota")!.TextContent);
    }

    [DbFact]
    public async Task RenameMoveTrashRestore_WorkThroughTheirForms_AndTheTrashHidesUntilRestored()
    {
        var s = await app.NewSchoolAsync();
        using var teacher = await SignInAsync(s.TeacherA);
        const string space = "/documents";
        var archives = await CreateFolderAsync(teacher, space, $"Archives {s.Tag}");
        await UploadAsync(teacher, space, ($"brouillon-{s.Tag}.txt", Text("brouillon")));
        var doc = await FileNamedAsync($"brouillon-{s.Tag}.txt");
        var url = $"/documents/fichier/{doc.Id}";

        // Rename keeps the extension; a slash is refused with a message and nothing changes.
        var bad = await teacher.SubmitAsync(url, [new("Name", "a/b")], "#rename-file");
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Contains("barre oblique", await UserSession.TextAsync(bad));
        Assert.Equal(HttpStatusCode.Redirect, (await teacher.SubmitAsync(url, [new("Name", "Compte rendu")], "#rename-file")).StatusCode);
        Assert.Equal("Compte rendu.txt", (await FileNamedAsync("Compte rendu.txt")).Name);

        Assert.Equal(HttpStatusCode.Redirect, (await teacher.SubmitAsync(url, [new("destination", archives.ToString())], "#move-file")).StatusCode);
        var (_, folderPage) = await teacher.GetPageAsync($"/documents/dossier/{archives}");
        Assert.Contains("Compte rendu.txt", folderPage.QuerySelector(".doc-list")!.TextContent);

        // A folder cannot go into itself.
        var loop = await teacher.SubmitAsync($"/documents/dossier/{archives}", [new("destination", archives.ToString())], "#move-folder");
        Assert.Contains("Choisissez un dossier de destination", await UserSession.TextAsync(loop));

        // The folder goes to the trash with its content; the document's page and download answer 404 meanwhile.
        Assert.Equal(HttpStatusCode.Redirect, (await teacher.SubmitAsync($"/documents/dossier/{archives}", [], "#trash-folder")).StatusCode);
        var (_, root) = await teacher.GetPageAsync(space);
        Assert.Null(root.QuerySelector(".doc-list"));
        Assert.Equal(HttpStatusCode.NotFound, (await teacher.GetAsync(url)).StatusCode);
        var (_, trash) = await teacher.GetPageAsync("/documents/corbeille");
        Assert.Contains($"Archives {s.Tag}", trash.QuerySelector(".doc-list")!.TextContent);

        Assert.Equal(HttpStatusCode.Redirect, (await teacher.SubmitAsync("/documents/corbeille",
            [new("item", archives.ToString()), new("folder", "true")], "form[action$='handler=restore']")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await teacher.GetAsync(url)).StatusCode);
        var (_, after) = await teacher.GetPageAsync(space);
        Assert.Contains($"Archives {s.Tag}", after.QuerySelector(".doc-list")!.TextContent);

        // Emptying the trash deletes the rows and the stored content for good.
        await teacher.SubmitAsync(url, [], "#trash-file");
        var emptied = await teacher.SubmitAsync("/documents/corbeille", [new("confirm", "true")], "#empty-trash");
        Assert.Equal(HttpStatusCode.Redirect, emptied.StatusCode);
        Assert.False(await app.WithDbAsync(db => db.DocFiles.AnyAsync(f => f.Id == doc.Id)));
        Assert.False(await app.WithDbAsync(db => db.FilesStored.AnyAsync(f => f.Id == doc.StoredFileId)));
    }

    [DbFact]
    public async Task Sharing_ReadLetsThePersonOpenButNotWrite_EditLetsThemUpload_OthersStillGet404()
    {
        var s = await app.NewSchoolAsync();
        using var owner = await SignInAsync(s.TeacherA);
        var folder = await CreateFolderAsync(owner, "/documents", $"Projet {s.Tag}");
        await UploadAsync(owner, $"/documents/dossier/{folder}", ($"plan-{s.Tag}.txt", Text("plan")));
        var doc = await FileNamedAsync($"plan-{s.Tag}.txt");

        using var director = await SignInAsync(s.Director);
        Assert.Equal(HttpStatusCode.NotFound, (await director.GetAsync($"/documents/dossier/{folder}")).StatusCode);

        // The owner finds the director by name (communication rules) and shares to read.
        var shareUrl = $"/documents/partager/dossier/{folder}";
        var (_, search) = await owner.GetPageAsync($"{shareUrl}?q=Directrice");
        Assert.NotNull(search.QuerySelector($"input[value='p:{s.Director.Id}']"));
        Assert.Equal(HttpStatusCode.Redirect, (await owner.SubmitAsync($"{shareUrl}?q=Directrice", [new("target", $"p:{s.Director.Id}")], "#share-add")).StatusCode);

        var (status, shared) = await director.GetPageAsync($"/documents/dossier/{folder}");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Null(shared.QuerySelector("#doc-upload"));
        Assert.Equal(HttpStatusCode.OK, (await director.GetAsync($"/documents/fichier/{doc.Id}/telecharger")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await director.GetAsync($"/fichiers/{doc.StoredFileId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await ForcePostAsync(director, $"/documents/dossier/{folder}", $"/documents/dossier/{folder}?handler=upload", [("files", "x.txt", Text("x"))])).StatusCode);
        var (_, mine) = await director.GetPageAsync("/documents/partages");
        Assert.Contains($"Projet {s.Tag}", mine.QuerySelector(".doc-list")!.TextContent);
        Assert.Equal(HttpStatusCode.NotFound, (await director.GetAsync(shareUrl)).StatusCode);

        // Edit: the director now uploads into the owner's folder (it counts against the owner's space).
        Assert.Equal(HttpStatusCode.Redirect, (await owner.SubmitAsync($"{shareUrl}?q=Directrice", [new("target", $"p:{s.Director.Id}"), new("edit", "true")], "#share-add")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await UploadAsync(director, $"/documents/dossier/{folder}", ($"ajout-{s.Tag}.txt", Text("ajout")))).StatusCode);
        var added = await FileNamedAsync($"ajout-{s.Tag}.txt");
        Assert.Equal((DocSpaceType.Person, s.TeacherA.Id, folder), (added.SpaceType, added.SpaceId, added.FolderId!.Value));
        Assert.Equal(1, await app.WithDbAsync(db => db.DocShares.CountAsync(x => x.FolderId == folder)));

        // Someone the share does not name still gets 404.
        using var other = await SignInAsync(s.TeacherB);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/documents/fichier/{doc.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/fichiers/{doc.StoredFileId}")).StatusCode);
    }

    [DbFact]
    public async Task ClassDocumentsSwitchedOff_TheirSharesLeaveSharedWithMe_AndDoNotOpen()
    {
        var s = await app.NewSchoolAsync();
        using var owner = await SignInAsync(s.TeacherA);
        var folder = await CreateFolderAsync(owner, $"/classe/{s.ClassA.Id}/documents", $"Sortie {s.Tag}");
        var shareUrl = $"/documents/partager/dossier/{folder}";
        Assert.Equal(HttpStatusCode.Redirect, (await owner.SubmitAsync($"{shareUrl}?q=Test{s.Tag}", [new("target", $"p:{s.TeacherB.Id}")], "#share-add")).StatusCode);
        using var colleague = await SignInAsync(s.TeacherB);
        Assert.Contains($"Sortie {s.Tag}", (await colleague.GetPageAsync("/documents/partages")).Document.QuerySelector(".doc-list")!.TextContent);

        var services = new[] { "annuaire", "blog", "liaison", "agenda", "competences", "cahier-de-textes", "quiz", "albums", "forum" };
        Assert.Equal(HttpStatusCode.Redirect, (await owner.SubmitAsync($"/classe/{s.ClassA.Id}/services", services.Select(k => new KeyValuePair<string, string>("enabled", k)))).StatusCode);

        var (status, shared) = await colleague.GetPageAsync("/documents/partages");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.DoesNotContain($"Sortie {s.Tag}", UserSession.Text(shared));
        Assert.Equal(HttpStatusCode.NotFound, (await colleague.GetAsync($"/documents/dossier/{folder}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await owner.GetAsync($"/documents/dossier/{folder}")).StatusCode);
    }

    [DbFact]
    public async Task Sharing_WithSomeoneTheRulesDoNotLetMeReach_IsRefused()
    {
        var s = await app.NewSchoolAsync();
        var elsewhere = await app.NewSchoolAsync();
        using var owner = await SignInAsync(s.TeacherA);
        await UploadAsync(owner, "/documents", ($"secret-{s.Tag}.txt", Text("secret")));
        var doc = await FileNamedAsync($"secret-{s.Tag}.txt");
        var shareUrl = $"/documents/partager/fichier/{doc.Id}";
        // The parent of another school is not offered by the search: post the add handler directly with the page's token.
        var (_, search) = await owner.GetPageAsync($"{shareUrl}?q=ParentA");
        Assert.Null(search.QuerySelector($"input[value='p:{elsewhere.GuardianA.Id}']"));
        var forced = await ForcePostAsync(owner, shareUrl, $"{shareUrl}?handler=add&target=p:{elsewhere.GuardianA.Id}", []);
        Assert.Equal(HttpStatusCode.OK, forced.StatusCode);
        Assert.Contains("Choisissez une personne que vous pouvez contacter", await UserSession.TextAsync(forced));
        Assert.False(await app.WithDbAsync(db => db.DocShares.AnyAsync(x => x.FileId == doc.Id)));
    }

    [DbFact]
    public async Task FolderZip_ContainsTheFolderFiles_WithSubFolderPaths_AndNotTheTrashedOnes()
    {
        var s = await app.NewSchoolAsync();
        using var teacher = await SignInAsync(s.TeacherA);
        var space = $"/classe/{s.ClassA.Id}/documents";
        var folder = await CreateFolderAsync(teacher, space, $"Classe verte {s.Tag}");
        var sub = await CreateFolderAsync(teacher, $"/documents/dossier/{folder}", $"Menus {s.Tag}");
        await UploadAsync(teacher, $"/documents/dossier/{folder}", ("programme.pdf", Pdf), ("liste.txt", Text("bottes, k-way")));
        await UploadAsync(teacher, $"/documents/dossier/{sub}", ("lundi.txt", Text("pâtes")), ("jeté.txt", Text("x")));
        var thrown = await FileNamedAsync("jeté.txt");
        await teacher.SubmitAsync($"/documents/fichier/{thrown.Id}", [], "#trash-file");

        using var parent = await SignInAsync(s.GuardianA);
        using var response = await parent.GetAsync($"/documents/dossier/{folder}/zip");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        using var zip = new ZipArchive(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
        Assert.Equal([$"Menus {s.Tag}/lundi.txt", "liste.txt", "programme.pdf"], zip.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal).ToArray());
        using var reader = new StreamReader(zip.GetEntry($"Menus {s.Tag}/lundi.txt")!.Open());
        Assert.Equal("pâtes", await reader.ReadToEndAsync());
    }

    [DbFact]
    public async Task Listing_QueryCount_DoesNotGrowWithTheNumberOfFiles_AndPagesAreBounded()
    {
        var s = await app.NewSchoolAsync();
        using var teacher = await SignInAsync(s.TeacherA);
        var space = $"/classe/{s.ClassA.Id}/documents";
        var small = await CreateFolderAsync(teacher, space, $"Petit {s.Tag}");
        var large = await CreateFolderAsync(teacher, space, $"Grand {s.Tag}");
        await SeedFilesAsync(s.ClassA.Id, small, 5);
        await SeedFilesAsync(s.ClassA.Id, large, 200);

        var few = await teacher.QueryCountAsync($"/documents/dossier/{small}");
        var many = await teacher.QueryCountAsync($"/documents/dossier/{large}");
        Assert.Equal(few, many);

        var (_, first) = await teacher.GetPageAsync($"/documents/dossier/{large}");
        Assert.Equal(50, first.QuerySelectorAll(".doc-list tbody tr").Length);
        Assert.Contains("Page 1 / 4", first.QuerySelector(".pager")!.TextContent);
        Assert.Equal("doc-000.txt", first.QuerySelector(".doc-list tbody tr td")!.TextContent.Trim());
        var (_, last) = await teacher.GetPageAsync($"/documents/dossier/{large}?p=4");
        Assert.Equal(50, last.QuerySelectorAll(".doc-list tbody tr").Length);
        Assert.Equal("doc-199.txt", last.QuerySelectorAll(".doc-list tbody tr td")[^3].TextContent.Trim());
        var (_, bySize) = await teacher.GetPageAsync($"/documents/dossier/{large}?tri=taille");
        Assert.Equal("doc-199.txt", bySize.QuerySelector(".doc-list tbody tr td")!.TextContent.Trim());
    }

    /// <summary>Rows straight into the table: the listing never opens the content, so no stored file is needed.</summary>
    private Task SeedFilesAsync(Guid classId, Guid folderId, int count) => app.WithDbAsync(async db =>
    {
        var now = DateTime.UtcNow;
        db.DocFiles.AddRange(Enumerable.Range(0, count).Select(i => new DocFile
        {
            SpaceType = DocSpaceType.Class, SpaceId = classId, FolderId = folderId, Name = $"doc-{i:000}.txt", StoredFileId = Guid.NewGuid(),
            ContentType = "text/plain; charset=utf-8", Size = 100 + i, CreatedAt = now, UpdatedAt = now,
        }));
        await db.SaveChangesAsync();
    });

    [DbFact]
    public async Task GroupSpace_ContributorsWrite_MembersRead_NonMembersGet404()
    {
        var s = await app.NewSchoolAsync();
        var group = new Group { Name = $"Chorale {s.Tag}", OwnerId = s.TeacherA.Id };
        await app.WithDbAsync(async db =>
        {
            db.Groups.Add(group);
            db.GroupMembers.AddRange(
                new GroupMember { GroupId = group.Id, PersonId = s.TeacherA.Id, Role = GroupRole.Owner },
                new GroupMember { GroupId = group.Id, PersonId = s.TeacherB.Id, Role = GroupRole.Contributor },
                new GroupMember { GroupId = group.Id, PersonId = s.PupilB.Id, Role = GroupRole.Member });
            await db.SaveChangesAsync();
        });
        var space = $"/groupe/{group.Id}/documents";
        using var contributor = await SignInAsync(s.TeacherB);
        Assert.Equal(HttpStatusCode.Redirect, (await UploadAsync(contributor, space, ($"partition-{s.Tag}.pdf", Pdf))).StatusCode);
        using var member = await SignInAsync(s.PupilB);
        var (_, page) = await member.GetPageAsync(space);
        Assert.Contains($"partition-{s.Tag}.pdf", page.QuerySelector(".doc-list")!.TextContent);
        Assert.Null(page.QuerySelector("#doc-upload"));
        using var outsider = await SignInAsync(s.PupilA);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync(space)).StatusCode);
    }

    [DbFact]
    public async Task CopyIntoMyDocuments_MakesAnIndependentCopyInTheReadersOwnSpace()
    {
        var s = await app.NewSchoolAsync();
        using var teacher = await SignInAsync(s.TeacherA);
        await UploadAsync(teacher, $"/classe/{s.ClassA.Id}/documents", ($"fiche-{s.Tag}.txt", Text("fiche")));
        var doc = await FileNamedAsync($"fiche-{s.Tag}.txt");
        using var parent = await SignInAsync(s.GuardianA);
        var response = await parent.SubmitAsync($"/documents/fichier/{doc.Id}", [new("destination", "moi")], "#copy-file");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var copies = await app.WithDbAsync(db => db.DocFiles.AsNoTracking().Where(f => f.Name == doc.Name).ToListAsync());
        var copy = Assert.Single(copies, c => c.Id != doc.Id);
        Assert.Equal((DocSpaceType.Person, s.GuardianA.Id), (copy.SpaceType, copy.SpaceId));
        Assert.NotEqual(doc.StoredFileId, copy.StoredFileId);
        var (_, mine) = await parent.GetPageAsync("/documents");
        Assert.Contains(doc.Name, mine.QuerySelector(".doc-list")!.TextContent);
    }
}
