#!/usr/bin/env python3
# Usage: python3 example-experiments/scripts/disk-probe-model.py PORT  (README, "Disk use": the 100-candidate RocksDB run)
# An OpenAI-compatible chat endpoint for the disk-use probe: every answer is a distinct, harmless edit of
# DBImpl::WriteImpl (a numbered comment after its first statement), so that every candidate is a new program.
import http.server, json, sys, threading
count = 0
lock = threading.Lock()
LINE = "  assert(!seq_per_batch_ || batch_cnt != 0);"
class Handler(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        global count
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        with lock:
            count += 1
            n = count
        content = ("<<<<<<< SEARCH\n" + LINE + "\n=======\n" + LINE + "\n  // disk-use probe, answer " + str(n)
                   + "\n>>>>>>> REPLACE\n")
        reply = {"id": "probe-%d" % n, "object": "chat.completion", "model": "probe",
                 "choices": [{"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": "stop"}],
                 "usage": {"prompt_tokens": len(body) // 4, "completion_tokens": 40, "total_tokens": len(body) // 4 + 40}}
        data = json.dumps(reply).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)
    def log_message(self, *args):
        pass
http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler).serve_forever()
