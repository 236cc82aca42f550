#!/usr/bin/python3
"""A throwaway SMTP server for the mail tests: aiosmtpd on 127.0.0.1, a free port.

usage: smtp_sink.py FOLDER SECONDS [REJECT_ADDRESS]

Writes FOLDER/port once it listens, then FOLDER/message-N.json for every message received: the
envelope (sender, recipients), the raw bytes in base64, and Python's own reading of the MIME (decoded
subject and headers, text body, attachments) so the test checks our message with an independent
parser. RCPT TO REJECT_ADDRESS is refused with 550. Exits after SECONDS, or when FOLDER/stop appears.
"""
import base64, email, email.policy, json, os, socket, sys, time
from aiosmtpd.controller import Controller


class Sink:
    def __init__(self, folder, reject):
        self.folder, self.reject, self.count = folder, reject, 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address == self.reject:
            return "550 5.1.1 no such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        message = email.message_from_bytes(envelope.original_content, policy=email.policy.default)
        body = message.get_body(preferencelist=("plain",))
        record = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "raw": base64.b64encode(envelope.original_content).decode(),
            "subject": str(message["subject"]),
            "from": str(message["from"]),
            "to": str(message["to"]),
            "cc": str(message["cc"]),
            "defects": [repr(d) for d in message.defects],
            "body": body.get_content() if body is not None else None,
            "attachments": [
                {"filename": part.get_filename(), "content_type": part.get_content_type(),
                 "data": base64.b64encode(part.get_content()).decode()}
                for part in message.iter_attachments()
            ],
        }
        path = os.path.join(self.folder, "message-%d.json" % self.count)
        with open(path + ".tmp", "w") as out:
            json.dump(record, out)
        os.rename(path + ".tmp", path)
        return "250 Message accepted"


def main():
    folder, seconds = sys.argv[1], min(float(sys.argv[2]), 120)
    reject = sys.argv[3] if len(sys.argv) > 3 else None
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()
    controller = Controller(Sink(folder, reject), hostname="127.0.0.1", port=port)
    controller.start()
    with open(os.path.join(folder, "port.tmp"), "w") as out:
        out.write(str(port))
    os.rename(os.path.join(folder, "port.tmp"), os.path.join(folder, "port"))
    deadline = time.monotonic() + seconds
    try:
        while time.monotonic() < deadline and not os.path.exists(os.path.join(folder, "stop")):
            time.sleep(0.05)
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
