import json
from twilio.request_validator import RequestValidator
from werkzeug.datastructures import MultiDict
for l in open('tests/data/signature/real-vectors.jsonl'):
    v=json.loads(l)
    val=RequestValidator(v['auth_token'])
    try:
        if v['content_type']=='application/json':
            ok=val.validate(v['url'], v['body'], v['signature'])
        else:
            ok=val.validate(v['url'], MultiDict(v['params']), v['signature'])
    except Exception as e:
        ok='EXC '+repr(e)
    print(v['id'],'python',ok,'source',v['valid'], '' if ok==v['valid'] else '  <== DIFF')
