"""Issue a token of the read API to a client system, scoped to one province, and print it once
(``manage.py api_client_issue --province hy-ubnd --name "Hệ thống thông tin báo cáo tỉnh"``)."""

from django.core.management.base import BaseCommand, CommandError

from agencies.models import Agency, User
from api.services import client_issue


class Command(BaseCommand):
    help = "Cấp mã truy cập API cho một hệ thống, gắn với một tỉnh; in mã một lần."

    def add_arguments(self, parser):
        parser.add_argument("--province", required=True, help="mã UBND tỉnh, ví dụ hy-ubnd")
        parser.add_argument("--name", required=True, help="tên hệ thống sử dụng")
        parser.add_argument("--by", default="", help="tên đăng nhập của người cấp (để ghi nhận)")
        parser.add_argument("--token-only", action="store_true", help="chỉ in mã (cho script)")

    def handle(self, *args, province, name, by, token_only, **options):
        agency = Agency.objects.filter(code=province, kind=Agency.Kind.UBND_TINH).first()
        if agency is None:
            raise CommandError(f"Không có UBND tỉnh mã “{province}”.")
        user = User.objects.filter(username=by).first() if by else None
        client, token = client_issue(name=name, province=agency, user=user)
        if token_only:
            self.stdout.write(token)
            return
        self.stdout.write(f"Hệ thống: {client.name} · tỉnh: {agency.name}")
        self.stdout.write(f"Mã truy cập (chỉ hiện lần này): {token}")
