using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Preau.Web.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class TownHallRequests : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "townhall_settings",
                columns: table => new
                {
                    LocalAuthorityId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TeachersMayFile = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_townhall_settings", x => x.LocalAuthorityId);
                });

            migrationBuilder.CreateTable(
                name: "townhall_types",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    LocalAuthorityId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Category = table.Column<int>(type: "INTEGER", nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    IsArchived = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_townhall_types", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "townhall_requests",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    SchoolId = table.Column<Guid>(type: "TEXT", nullable: false),
                    LocalAuthorityId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TypeId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 150, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Urgency = table.Column<int>(type: "INTEGER", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedById = table.Column<Guid>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ClosedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CloseSeconds = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_townhall_requests", x => x.Id);
                    table.ForeignKey(
                        name: "FK_townhall_requests_townhall_types_TypeId",
                        column: x => x.TypeId,
                        principalTable: "townhall_types",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "townhall_type_handlers",
                columns: table => new
                {
                    TypeId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_townhall_type_handlers", x => new { x.TypeId, x.PersonId });
                    table.ForeignKey(
                        name: "FK_townhall_type_handlers_townhall_types_TypeId",
                        column: x => x.TypeId,
                        principalTable: "townhall_types",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "townhall_comments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    RequestId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AuthorId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    IsInternal = table.Column<bool>(type: "INTEGER", nullable: false),
                    NewStatus = table.Column<int>(type: "INTEGER", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_townhall_comments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_townhall_comments_townhall_requests_RequestId",
                        column: x => x.RequestId,
                        principalTable: "townhall_requests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "townhall_photos",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    RequestId = table.Column<Guid>(type: "TEXT", nullable: false),
                    FileId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ThumbnailFileId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Position = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_townhall_photos", x => x.Id);
                    table.ForeignKey(
                        name: "FK_townhall_photos_townhall_requests_RequestId",
                        column: x => x.RequestId,
                        principalTable: "townhall_requests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_townhall_comments_RequestId_CreatedAt",
                table: "townhall_comments",
                columns: new[] { "RequestId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_townhall_photos_RequestId",
                table: "townhall_photos",
                column: "RequestId");

            migrationBuilder.CreateIndex(
                name: "IX_townhall_requests_LocalAuthorityId_CreatedAt",
                table: "townhall_requests",
                columns: new[] { "LocalAuthorityId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_townhall_requests_LocalAuthorityId_TypeId_ClosedAt",
                table: "townhall_requests",
                columns: new[] { "LocalAuthorityId", "TypeId", "ClosedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_townhall_requests_SchoolId_CreatedAt",
                table: "townhall_requests",
                columns: new[] { "SchoolId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_townhall_requests_TypeId",
                table: "townhall_requests",
                column: "TypeId");

            migrationBuilder.CreateIndex(
                name: "IX_townhall_types_LocalAuthorityId_Position",
                table: "townhall_types",
                columns: new[] { "LocalAuthorityId", "Position" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "townhall_comments");

            migrationBuilder.DropTable(
                name: "townhall_photos");

            migrationBuilder.DropTable(
                name: "townhall_settings");

            migrationBuilder.DropTable(
                name: "townhall_type_handlers");

            migrationBuilder.DropTable(
                name: "townhall_requests");

            migrationBuilder.DropTable(
                name: "townhall_types");
        }
    }
}
