using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Preau.Web.Platform.Data.Migrations.Postgres
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ScopeType = table.Column<int>(type: "integer", nullable: false),
                    ScopeId = table.Column<Guid>(type: "uuid", nullable: false),
                    Title = table.Column<string>(type: "character varying(150)", maxLength: 150, nullable: false),
                    Description = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    CreatedById = table.Column<Guid>(type: "uuid", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_albums_albums", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "albums_thumbnail_jobs",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PhotoId = table.Column<Guid>(type: "uuid", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    NextAttemptAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    LeaseId = table.Column<Guid>(type: "uuid", nullable: true),
                    LeaseUntil = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    DoneAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Error = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_albums_thumbnail_jobs", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "albums_photos",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    AlbumId = table.Column<Guid>(type: "uuid", nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false),
                    Caption = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    OriginalFileId = table.Column<Guid>(type: "uuid", nullable: false),
                    ThumbFileId = table.Column<Guid>(type: "uuid", nullable: true),
                    DisplayFileId = table.Column<Guid>(type: "uuid", nullable: true),
                    UploadedById = table.Column<Guid>(type: "uuid", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
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
                    PhotoId = table.Column<Guid>(type: "uuid", nullable: false),
                    PupilId = table.Column<Guid>(type: "uuid", nullable: false)
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
