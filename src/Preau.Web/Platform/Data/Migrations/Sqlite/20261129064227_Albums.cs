using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Preau.Web.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Albums : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "albums_albums",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ScopeType = table.Column<int>(type: "INTEGER", nullable: false),
                    ScopeId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 150, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    CreatedById = table.Column<Guid>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_albums_albums", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "albums_thumbnail_jobs",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PhotoId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    NextAttemptAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    LeaseId = table.Column<Guid>(type: "TEXT", nullable: true),
                    LeaseUntil = table.Column<DateTime>(type: "TEXT", nullable: true),
                    DoneAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Error = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_albums_thumbnail_jobs", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "albums_photos",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    AlbumId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    Caption = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    OriginalFileId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ThumbFileId = table.Column<Guid>(type: "TEXT", nullable: true),
                    DisplayFileId = table.Column<Guid>(type: "TEXT", nullable: true),
                    UploadedById = table.Column<Guid>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_albums_photos", x => x.Id);
                    table.ForeignKey(
                        name: "FK_albums_photos_albums_albums_AlbumId",
                        column: x => x.AlbumId,
                        principalTable: "albums_albums",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "albums_photo_tags",
                columns: table => new
                {
                    PhotoId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PupilId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_albums_photo_tags", x => new { x.PhotoId, x.PupilId });
                    table.ForeignKey(
                        name: "FK_albums_photo_tags_albums_photos_PhotoId",
                        column: x => x.PhotoId,
                        principalTable: "albums_photos",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_albums_albums_ScopeType_ScopeId_CreatedAt",
                table: "albums_albums",
                columns: new[] { "ScopeType", "ScopeId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_albums_photo_tags_PupilId",
                table: "albums_photo_tags",
                column: "PupilId");

            migrationBuilder.CreateIndex(
                name: "IX_albums_photos_AlbumId_Position",
                table: "albums_photos",
                columns: new[] { "AlbumId", "Position" });

            migrationBuilder.CreateIndex(
                name: "IX_albums_thumbnail_jobs_DoneAt_NextAttemptAt",
                table: "albums_thumbnail_jobs",
                columns: new[] { "DoneAt", "NextAttemptAt" });

            migrationBuilder.CreateIndex(
                name: "IX_albums_thumbnail_jobs_LeaseId",
                table: "albums_thumbnail_jobs",
                column: "LeaseId");

            migrationBuilder.CreateIndex(
                name: "IX_albums_thumbnail_jobs_PhotoId",
                table: "albums_thumbnail_jobs",
                column: "PhotoId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "albums_photo_tags");

            migrationBuilder.DropTable(
                name: "albums_thumbnail_jobs");

            migrationBuilder.DropTable(
                name: "albums_photos");

            migrationBuilder.DropTable(
                name: "albums_albums");
        }
    }
}
