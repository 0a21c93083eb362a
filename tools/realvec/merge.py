# Adds the real libraries' verdicts to real-vectors.jsonl:
#   node tools/realvec/node_check.cjs > /tmp/node.out
#   python tools/realvec/py_check.py > /tmp/py.out   (twilio 9.13.0 + werkzeug)
#   python3 tools/realvec/merge.py /tmp/node.out /tmp/py.out
import json, sys
nd = {l.split()[0]: l.split()[2] == 'true' for l in open(sys.argv[1])}
pd = {}
for l in open(sys.argv[2]):
    f = l.split()
    pd[f[0]] = (f[2] == 'True') if f[2] in ('True', 'False') else None
p = 'tests/data/signature/real-vectors.jsonl'
rows = [json.loads(l) for l in open(p)]
for v in rows:
    v['node_6_2_0'] = nd[v['id']]
    v['python_9_13_0'] = pd[v['id']]
open(p, 'w').write(''.join(json.dumps(v, ensure_ascii=False) + '\n' for v in rows))
