using System.IO.Compression;
using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Preau.IntegrationTests.Infrastructure;
using Preau.Web.Modules.Albums.Thumbnails;
using SkiaSharp;

namespace Preau.IntegrationTests.Albums;

/// <summary>Photo albums over HTTP against the real database: who sees what, thumbnails, the ZIP, refusals.</summary>
public sealed class AlbumTests(TestApp app)
{
    /// <summary>A small JPEG (the test quota of a class is 300 kB).</summary>
    internal static byte[] Jpeg(int width, int height, SKColor colour)
    {
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(colour);
            using var paint = new SKPaint { Color = SKColors.White };
            canvas.DrawRect(width / 4f, height / 4f, width / 2f, height / 2f, paint);
        }
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Jpeg, 80);
        return data.ToArray();
    }

    private async Task<UserSession> SignInAsync(TestAccount who)
    {
        var session = app.NewSession();
        await session.LoginAsync(who.Login, who.Password);
        return session;
    }

    /// <summary>Creates an album through the page and answers its address.</summary>
    private static async Task<string> CreateAlbumAsync(UserSession teacher, Guid classId, string title)
    {
        var response = await teacher.SubmitAsync($"/classe/{classId}/albums", [new("Input.Title", title)], "#create-album");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response.Headers.Location!.OriginalString;
    }

    private static async Task<HttpResponseMessage> UploadAsync(UserSession teacher, string albumUrl, params (string Name, byte[] Content)[] photos) =>
        await teacher.SubmitMultipartAsync(albumUrl, "#album-upload", [], photos.Select(p => ("photos", p.Name, p.Content)));

    private Task<List<Preau.Web.Modules.Albums.Data.Photo>> PhotosAsync(string albumUrl)
    {
        var albumId = Guid.Parse(albumUrl[^36..]);
        return app.WithDbAsync(db => db.AlbumPhotos.AsNoTracking().Where(p => p.AlbumId == albumId).OrderBy(p => p.Position).ToListAsync());
    }

    private async Task ProcessThumbnailsAsync() => await app.Services.GetRequiredService<ThumbnailWorker>().ProcessOnceAsync();

    [DbFact]
    public async Task PhotoOfAClassAlbum_IsNotFound_ForTheParentOfAnotherClass_EvenWithItsUrls()
    {
        var s = await app.NewSchoolAsync();
        using var teacherB = await SignInAsync(s.TeacherB);
        var album = await CreateAlbumAsync(teacherB, s.ClassB.Id, "Classe verte");
        Assert.Equal(HttpStatusCode.Redirect, (await UploadAsync(teacherB, album, ("a.jpg", Jpeg(120, 80, SKColors.Teal)))).StatusCode);
        await ProcessThumbnailsAsync();
        var photo = Assert.Single(await PhotosAsync(album));
        Assert.Equal(HttpStatusCode.OK, (await teacherB.GetAsync($"/fichiers/{photo.OriginalFileId}")).StatusCode);

        // Léa's mother is a parent of class A (CP), and the teacher of class A: neither belongs to class B.
        foreach (var outsider in new[] { s.GuardianA, s.TeacherA })
        {
            using var session = await SignInAsync(outsider);
            foreach (var url in new[]
            {
                album, $"{album}/photos/{photo.Id}", $"{album}/zip", $"/classe/{s.ClassB.Id}/albums",
                $"/fichiers/{photo.OriginalFileId}", $"/fichiers/{photo.ThumbFileId}", $"/fichiers/{photo.DisplayFileId}",
            })
            {
                Assert.Equal(HttpStatusCode.NotFound, (await session.GetAsync(url)).StatusCode);
            }
        }
    }

    [DbFact]
    public async Task Thumbnails_ArePlaceholdersUntilOnePass_ThenExistAtTheirSizes_AndASecondPassDoesNothing()
    {
        var s = await app.NewSchoolAsync();
        using var teacher = await SignInAsync(s.TeacherA);
        var album = await CreateAlbumAsync(teacher, s.ClassA.Id, "Carnaval");
        await UploadAsync(teacher, album, ("un.jpg", Jpeg(900, 600, SKColors.Orange)), ("deux.png", Jpeg(300, 200, SKColors.Navy)));

        var (_, before) = await teacher.GetPageAsync(album);
        Assert.Equal(2, before.QuerySelectorAll(".album-grid .album-placeholder").Length);
        Assert.Empty(before.QuerySelectorAll(".album-grid img"));

        await ProcessThumbnailsAsync();

        var photos = await PhotosAsync(album);
        Assert.All(photos, p => Assert.NotNull(p.ThumbFileId));
        var (_, after) = await teacher.GetPageAsync(album);
        var images = after.QuerySelectorAll(".album-grid img");
        Assert.Equal(2, images.Length);
        Assert.Equal($"/fichiers/{photos[0].ThumbFileId}", images[0].GetAttribute("src"));
        Assert.Equal("lazy", images[0].GetAttribute("loading"));
        Assert.Equal("Photo 1 de l'album Carnaval", images[0].GetAttribute("alt"));

        // 900×600: thumbnail 400 wide, display size kept at 900 (never enlarged); 300×200 stays 300×200.
        Assert.Equal((400, 267), await SizeAsync(teacher, photos[0].ThumbFileId!.Value));
        Assert.Equal((900, 600), await SizeAsync(teacher, photos[0].DisplayFileId!.Value));
        Assert.Equal((300, 200), await SizeAsync(teacher, photos[1].ThumbFileId!.Value));

        // Idempotent: the jobs are closed, another pass leaves the photos as they are.
        await ProcessThumbnailsAsync();
        var again = await PhotosAsync(album);
        Assert.Equal(photos.Select(p => p.ThumbFileId), again.Select(p => p.ThumbFileId));
        var files = await app.WithDbAsync(db => db.FilesStored.CountAsync(f => f.OwnerId == photos[0].Id));
        Assert.Equal(3, files);
    }

    private static async Task<(int, int)> SizeAsync(UserSession session, Guid fileId)
    {
        using var response = await session.GetAsync($"/fichiers/{fileId}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/jpeg", response.Content.Headers.ContentType?.MediaType);
        using var bitmap = SKBitmap.Decode(await response.Content.ReadAsByteArrayAsync());
        return (bitmap.Width, bitmap.Height);
    }

    [DbFact]
    public async Task PhotoTaggedWithAPupilWithoutPhotoAuthorisation_IsInvisibleToParents_ButVisibleToTheTeacher()
    {
        var s = await app.NewSchoolAsync();
        await app.WithDbAsync(db => db.Persons.Where(p => p.Id == s.PupilA.Id).ExecuteUpdateAsync(u => u.SetProperty(p => p.PhotoAllowed, false)));
        using var teacher = await SignInAsync(s.TeacherA);
        var album = await CreateAlbumAsync(teacher, s.ClassA.Id, "Piscine");
        await UploadAsync(teacher, album, ("groupe.jpg", Jpeg(120, 80, SKColors.Blue)), ("paysage.jpg", Jpeg(120, 80, SKColors.Green)));
        await ProcessThumbnailsAsync();
        var photos = await PhotosAsync(album);
        var tagged = photos[0];

        var (_, form) = await teacher.GetPageAsync($"{album}/photos/{tagged.Id}");
        Assert.Contains("sans autorisation photo", form.QuerySelector($"label[for=pupil-{s.PupilA.Id}]")!.TextContent);
        var saved = await teacher.SubmitAsync($"{album}/photos/{tagged.Id}", [new("pupils", s.PupilA.Id.ToString()), new("caption", "Le groupe")], "#photo-tags");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        // The teacher sees both photos, and is told why the first is hidden from families.
        var (_, teacherAlbum) = await teacher.GetPageAsync(album);
        Assert.Equal(2, teacherAlbum.QuerySelectorAll(".album-grid li").Length);
        var (_, teacherPhoto) = await teacher.GetPageAsync($"{album}/photos/{tagged.Id}");
        Assert.NotNull(teacherPhoto.QuerySelector("#restricted-notice"));
        Assert.Equal(2, await ZipCountAsync(teacher, album));

        // The parent sees only the other photo: not in the grid, not by its page, not by its files, not in the ZIP.
        using var parent = await SignInAsync(s.GuardianA);
        var (status, parentAlbum) = await parent.GetPageAsync(album);
        Assert.Equal(HttpStatusCode.OK, status);
        var tiles = parentAlbum.QuerySelectorAll(".album-grid li a");
        Assert.Equal($"{album}/photos/{photos[1].Id}", Assert.Single(tiles).GetAttribute("href"));
        Assert.Equal(HttpStatusCode.NotFound, (await parent.GetAsync($"{album}/photos/{tagged.Id}")).StatusCode);
        foreach (var file in new[] { tagged.OriginalFileId, tagged.ThumbFileId!.Value, tagged.DisplayFileId!.Value })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await parent.GetAsync($"/fichiers/{file}")).StatusCode);
        }
        Assert.Equal(HttpStatusCode.OK, (await parent.GetAsync($"/fichiers/{photos[1].OriginalFileId}")).StatusCode);
        Assert.Equal(1, await ZipCountAsync(parent, album));

        // Once the authorisation is recorded (ONDE import), the photo is back for the family.
        await app.WithDbAsync(db => db.Persons.Where(p => p.Id == s.PupilA.Id).ExecuteUpdateAsync(u => u.SetProperty(p => p.PhotoAllowed, true)));
        Assert.Equal(HttpStatusCode.OK, (await parent.GetAsync($"{album}/photos/{tagged.Id}")).StatusCode);
    }

    private static async Task<int> ZipCountAsync(UserSession session, string album)
    {
        using var response = await session.GetAsync($"{album}/zip");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var zip = new ZipArchive(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
        return zip.Entries.Count;
    }

    [DbFact]
    public async Task Zip_HoldsTheOriginalsInAlbumOrder_ByteForByte()
    {
        var s = await app.NewSchoolAsync();
        using var teacher = await SignInAsync(s.TeacherA);
        var album = await CreateAlbumAsync(teacher, s.ClassA.Id, "Fête/de l'école");
        await UploadAsync(teacher, album, ("premiere.jpg", Jpeg(100, 60, SKColors.Red)), ("seconde.jpeg", Jpeg(60, 100, SKColors.Yellow)));
        var photos = await PhotosAsync(album);

        using var response = await teacher.GetAsync($"{album}/zip");
        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        using var zip = new ZipArchive(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
        Assert.Equal(["001-premiere.jpg", "002-seconde.jpeg"], zip.Entries.Select(e => e.FullName));
        for (var i = 0; i < photos.Count; i++)
        {
            using var original = await teacher.GetAsync($"/fichiers/{photos[i].OriginalFileId}");
            await using var entry = await zip.Entries[i].OpenAsync();
            using var copy = new MemoryStream();
            await entry.CopyToAsync(copy);
            Assert.Equal(await original.Content.ReadAsByteArrayAsync(), copy.ToArray());
        }
    }

    [DbFact]
    public async Task FakeImagesAndDocuments_AreRefusedWithAFrenchMessage_TheRealPhotoIsKept()
    {
        var s = await app.NewSchoolAsync();
        using var teacher = await SignInAsync(s.TeacherA);
        var album = await CreateAlbumAsync(teacher, s.ClassA.Id, "Refus");
        var html = Encoding.UTF8.GetBytes("<html><script>alert(1)</script></html>");
        var text = Encoding.UTF8.GetBytes("Ceci n'est pas une photo.\n");
        var response = await UploadAsync(teacher, album, ("piege.jpg", html), ("notes.jpg", text), ("vraie.jpg", Jpeg(80, 60, SKColors.Purple)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await UserSession.TextAsync(response);
        Assert.Contains("« piege.jpg » : Ce fichier contient une page web (HTML) : il n'est pas accepté.", page);
        Assert.Contains("« notes.txt » n'est pas une photo", page);
        var photo = Assert.Single(await PhotosAsync(album));
        var names = await app.WithDbAsync(db => db.FilesStored.Where(f => f.OwnerId == photo.Id).Select(f => f.Name).ToListAsync());
        Assert.Equal(["vraie.jpg"], names);
    }

    [DbFact]
    public async Task ParentAndPupilOfTheClass_ReadTheAlbum_ButCannotUploadOrCreate()
    {
        var s = await app.NewSchoolAsync();
        using var teacher = await SignInAsync(s.TeacherA);
        var album = await CreateAlbumAsync(teacher, s.ClassA.Id, "Jardin");
        await UploadAsync(teacher, album, ("a.jpg", Jpeg(60, 40, SKColors.Olive)));
        var photo = Assert.Single(await PhotosAsync(album));
        using var parent = await SignInAsync(s.GuardianA);
        var (status, doc) = await parent.GetPageAsync($"/classe/{s.ClassA.Id}/albums");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Jardin", doc.QuerySelector(".album-list")!.TextContent);
        Assert.Null(doc.QuerySelector("#create-album"));
        var (_, albumDoc) = await parent.GetPageAsync(album);
        Assert.Null(albumDoc.QuerySelector("#album-upload"));
        Assert.Equal(HttpStatusCode.OK, (await parent.GetAsync($"{album}/photos/{photo.Id}")).StatusCode);

        // A forged upload by the parent (with a token from another form of the site) changes nothing.
        var (_, other) = await parent.GetPageAsync("/");
        var token = other.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value") ?? "";
        using var content = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" }, { new ByteArrayContent(Jpeg(60, 40, SKColors.Red)), "photos", "x.jpg" } };
        var forged = await parent.Client.PostAsync($"{album}?handler=upload", content);
        Assert.NotEqual(HttpStatusCode.Redirect, forged.StatusCode);
        Assert.Single(await PhotosAsync(album));
    }

    [DbFact]
    public async Task AlbumPage_RunsTheSameNumberOfQueries_WhateverTheNumberOfPhotos()
    {
        var s = await app.NewSchoolAsync();
        using var teacher = await SignInAsync(s.TeacherA);
        var album = await CreateAlbumAsync(teacher, s.ClassA.Id, "Requêtes");
        await UploadAsync(teacher, album, ("1.jpg", Jpeg(40, 30, SKColors.Red)));
        var one = await teacher.QueryCountAsync(album);
        var list = await teacher.QueryCountAsync($"/classe/{s.ClassA.Id}/albums");
        await UploadAsync(teacher, album, [.. Enumerable.Range(2, 8).Select(i => ($"{i}.jpg", Jpeg(40, 30, SKColors.Blue)))]);
        await ProcessThumbnailsAsync();
        Assert.Equal(one, await teacher.QueryCountAsync(album));
        Assert.Equal(list, await teacher.QueryCountAsync($"/classe/{s.ClassA.Id}/albums"));

        // The page's browser then asks for each thumbnail: the person's session check, the file's row, and the photo's
        // album with its restriction in one query (six queries before 2026-12-05: the row twice, photo, album, visibility).
        var thumb = (await PhotosAsync(album))[0].ThumbFileId;
        using var parent = await SignInAsync(s.GuardianA);
        Assert.Equal(3, await parent.QueryCountAsync($"/fichiers/{thumb}"));
    }

    [DbFact]
    public async Task GroupAlbum_OwnerWrites_MemberReads_NonMemberGetsNotFound()
    {
        var s = await app.NewSchoolAsync();
        var group = new Preau.Web.Modules.People.Data.Group { Name = $"Chorale {s.Tag}", OwnerId = s.TeacherA.Id };
        await app.WithDbAsync(async db =>
        {
            db.Groups.Add(group);
            db.GroupMembers.AddRange(
                new Preau.Web.Modules.People.Data.GroupMember { GroupId = group.Id, PersonId = s.TeacherA.Id, Role = Preau.Web.Modules.People.Data.GroupRole.Owner },
                new Preau.Web.Modules.People.Data.GroupMember { GroupId = group.Id, PersonId = s.TeacherB.Id, Role = Preau.Web.Modules.People.Data.GroupRole.Member });
            await db.SaveChangesAsync();
        });
        using var owner = await SignInAsync(s.TeacherA);
        var created = await owner.SubmitAsync($"/groupe/{group.Id}/albums", [new("Input.Title", "Concert")], "#create-album");
        var album = created.Headers.Location!.OriginalString;
        await UploadAsync(owner, album, ("chant.jpg", Jpeg(60, 40, SKColors.Maroon)));
        var photo = Assert.Single(await PhotosAsync(album));

        using var member = await SignInAsync(s.TeacherB);
        var (status, doc) = await member.GetPageAsync(album);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Null(doc.QuerySelector("#album-upload"));
        Assert.Equal(HttpStatusCode.OK, (await member.GetAsync($"/fichiers/{photo.OriginalFileId}")).StatusCode);

        using var outsider = await SignInAsync(s.Director);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/groupe/{group.Id}/albums")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync(album)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/fichiers/{photo.OriginalFileId}")).StatusCode);
    }
}
